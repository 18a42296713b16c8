import { expect, test } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURES } from '../support/fixtures';
import { HOSTED, hostFixtureRemotes, publishFixtureUploads, registryBlobOf } from '../support/fixtureRemotes';
import { expectErrorCard, expectOtherRemotesWork, openRemote } from '../support/remotePages';
import { BACKEND_URL, SHELL_SETTINGS } from '../support/portal';
import { rewriteManifest } from '../support/rewriteManifest';
import type { StaticHost } from '../support/staticHost';

/**
 * The eight ways a remote can fail, each published for real (uploaded to the registry, or hosted
 * by a team and registered by URL). Each shows the error card for that remote only, and the rest
 * of the portal keeps working.
 */
test.describe.configure({ mode: 'serial' });

const hosted = HOSTED.hosted;
let host: StaticHost;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  host = await hostFixtureRemotes();
  await publishFixtureUploads();
});

test.afterEach(() => host.heal(hosted.entryPath));

test('entry 404: the card says so at once (no retries), and Retry recovers once it is back', async ({ page }) => {
  host.behave(hosted.entryPath, { status: 404 });
  await openRemote(page, hosted.title);
  const card = await expectErrorCard(page, {
    name: hosted.name,
    title: hosted.title,
    code: 'PORTICO_REMOTE_ENTRY_NOT_FOUND',
    cause: /remoteEntry\.js answered 404/,
  });
  // The script and the shell's diagnosis, once each: a 404 is not worth retrying.
  expect(host.requestsTo(hosted.entryPath)).toBe(2);

  host.heal(hosted.entryPath);
  await card.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('fixture-content')).toHaveText('Hosted works.');
  await expectOtherRemotesWork(page);
});

test('entry 500: retried with backoff, then the card', async ({ page }) => {
  host.behave(hosted.entryPath, { status: 500 });
  await openRemote(page, hosted.title);
  await expectErrorCard(page, {
    name: hosted.name,
    title: hosted.title,
    code: 'PORTICO_REMOTE_ENTRY_SERVER_ERROR',
    cause: /remoteEntry\.js answered 500/,
  });
  // Every attempt loaded the script (and the shell fetched it once more to diagnose).
  expect(host.requestsTo(hosted.entryPath)).toBeGreaterThanOrEqual(Number(SHELL_SETTINGS.PORTICO_REMOTE_LOAD_ATTEMPTS));
  await expectOtherRemotesWork(page);
});

test('a transient failure is retried before any card shows', async ({ page }) => {
  host.behave(hosted.entryPath, { status: 503, times: 2 });
  await openRemote(page, hosted.title);
  await expect(page.getByTestId('fixture-content')).toHaveText('Hosted works.');
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
  expect(host.requestsTo(hosted.entryPath)).toBeGreaterThanOrEqual(3);
  await expectOtherRemotesWork(page);
});

test('entry that never answers: the card after the configured timeout', async ({ page }) => {
  host.behave(hosted.entryPath, { hang: true });
  const timeoutMs = Number(SHELL_SETTINGS.PORTICO_REMOTE_LOAD_TIMEOUT_MS);
  await openRemote(page, hosted.title);
  const clickedAt = Date.now();
  await expectErrorCard(
    page,
    {
      name: hosted.name,
      title: hosted.title,
      code: 'PORTICO_REMOTE_TIMEOUT',
      cause: `did not load within ${(timeoutMs / 1000).toFixed(1)} s`,
    },
    { timeout: timeoutMs + 10_000 },
  );
  const elapsed = Date.now() - clickedAt;
  expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 500);
  // Bounded: a timeout is not retried, the wait was long enough already.
  expect(elapsed).toBeLessThan(timeoutMs * 2);
  await expectOtherRemotesWork(page);
});

test('module that throws while evaluating', async ({ page }) => {
  const remote = FIXTURES.evaluationThrows;
  await openRemote(page, remote.title);
  await expectErrorCard(page, {
    name: remote.name,
    title: remote.title,
    code: 'PORTICO_REMOTE_EVALUATION_FAILED',
    cause: './plugin threw while evaluating: e2e fixture: this module throws while evaluating',
  });
  await expectOtherRemotesWork(page);
});

test('component that throws while rendering', async ({ page }) => {
  const remote = FIXTURES.renderThrows;
  const reports: Array<{ remote: string; outcome: string; code?: string }> = [];
  page.on('request', request => {
    if (request.url() === `${BACKEND_URL}/api/rum/beacon`)
      reports.push(...JSON.parse(request.postData() ?? '{}').loads);
  });
  await openRemote(page, remote.title);
  await expectErrorCard(page, {
    name: remote.name,
    title: remote.title,
    code: 'PORTICO_REMOTE_RENDER_FAILED',
    cause: 'e2e fixture: this component throws while rendering',
  });
  await expectOtherRemotesWork(page);
  // Its load is reported once, as the render failure: not as a success too.
  await expect
    .poll(() => reports.filter(report => report.remote === remote.name))
    .toEqual([
      expect.objectContaining({ remote: remote.name, outcome: 'error', code: 'PORTICO_REMOTE_RENDER_FAILED' }),
    ]);
});

test('incompatible shared dependency: a remote built for React 19 in a React 18 shell', async ({ page }) => {
  const remote = FIXTURES.needsReact19;
  await openRemote(page, remote.title);
  await expectErrorCard(page, {
    name: remote.name,
    title: remote.title,
    code: 'PORTICO_REMOTE_INCOMPATIBLE_SHARED',
    cause: 'requires react ^19.0.0, but the shell provides react 18.3.1',
  });
  await expectOtherRemotesWork(page);
});

test('bytes that fail the integrity check: a registry blob changed on disk after publishing', async ({ page }) => {
  const remote = FIXTURES.legacy;
  const dists = await publishFixtureUploads();
  const blob = await registryBlobOf(join(dists.legacy, 'remoteEntry.js'));
  const original = await readFile(blob);
  // Same length (the registry announces the published size), different bytes.
  const tampered = Buffer.from(original);
  tampered[tampered.length - 1] = tampered[tampered.length - 1] === 0x20 ? 0x0a : 0x20;
  await writeFile(blob, tampered);
  try {
    await openRemote(page, remote.title);
    await expectErrorCard(page, {
      name: remote.name,
      title: remote.title,
      code: 'PORTICO_REMOTE_INTEGRITY_FAILED',
      cause: /integrity check failed for .*remoteEntry\.js: the registry published sha384-/,
    });
    await expect(page.getByTestId('legacy-user')).toHaveCount(0);
  } finally {
    await writeFile(blob, original);
  }
  await expectOtherRemotesWork(page);
});

test('malformed manifest entry: an entry without its entry URL gets the card, the others load', async ({ page }) => {
  await rewriteManifest(page, remote => {
    if (remote.name !== hosted.name) return remote;
    const { entry: _entry, ...withoutEntry } = remote;
    return withoutEntry as typeof remote;
  });
  await openRemote(page, hosted.title);
  await expectErrorCard(page, {
    name: hosted.name,
    title: hosted.title,
    code: 'PORTICO_REMOTE_MANIFEST_INVALID',
    cause: 'entry is missing',
  });
  expect(host.requestsTo(hosted.entryPath)).toBe(0);
  await expectOtherRemotesWork(page);
});

test('malformed remote: an entry URL that answers an HTML page instead of JavaScript', async ({ page }) => {
  const remote = HOSTED.notJs;
  await openRemote(page, remote.title);
  await expectErrorCard(page, {
    name: remote.name,
    title: remote.title,
    code: 'PORTICO_REMOTE_NOT_A_CONTAINER',
    cause: 'is not JavaScript: its server answers text/html',
  });
  await expectOtherRemotesWork(page);
});
