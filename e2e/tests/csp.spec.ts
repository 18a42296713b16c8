import { expect, test } from '@playwright/test';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIXTURE_OWNER, buildFixtures } from '../support/fixtures';
import { manifestWithoutFiles } from '../support/fixtureRemotes';
import { BACKEND_URL, E2E_TMP, LISTED_HOST_ORIGIN, UNLISTED_HOST_PORT } from '../support/portal';
import { portico } from '../support/publish';
import { expectErrorCard, expectOtherRemotesWork, nav, openRemote } from '../support/remotePages';
import { signIn } from '../support/signIn';
import { startStaticHost } from '../support/staticHost';

function directive(policy: string, name: string): string[] {
  return (
    policy
      .split(';')
      .map(part => part.trim())
      .find(part => part.startsWith(`${name} `)) ?? ''
  )
    .split(/\s+/)
    .slice(1);
}

test("the shell is served with a CSP whose script-src admits only its origin, the registry's assets and listed origins", async ({
  request,
}) => {
  for (const path of ['/', '/catalog', '/main.js']) {
    const response = await request.get(path);
    const policy = response.headers()['content-security-policy'];
    expect(policy, path).toBeTruthy();
    const scripts = directive(policy, 'script-src');
    expect(scripts.filter(source => !source.startsWith("'sha256-"))).toEqual([
      "'self'",
      `${BACKEND_URL}/api/registry/assets/`,
      LISTED_HOST_ORIGIN,
    ]);
    expect(directive(policy, 'object-src')).toEqual(["'none'"]);
    expect(policy).not.toContain('unsafe-eval');
  }
});

test('normal use of the portal raises no CSP violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', message => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page);
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Payments', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Payments', level: 1 })).toBeVisible();
  expect(violations).toEqual([]);
});

test('a remote served from an origin the CSP does not list is blocked by the browser', async ({ page }) => {
  // Another team hosts a remote on an origin nobody added to the shell's allowed list.
  const unlisted = { name: 'e2e_unlisted', title: 'Unlisted origin', route: '/e2e-unlisted' };
  const dists = await buildFixtures();
  const dir = join(E2E_TMP, 'unlisted');
  await mkdir(dir, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dists.hosted, 'mf-manifest.json'), 'utf8'));
  await writeFile(join(dir, 'mf-manifest.json'), JSON.stringify(manifestWithoutFiles(manifest, unlisted.name)));
  const host = await startStaticHost({ port: UNLISTED_HOST_PORT });
  try {
    host.mount('/unlisted', dir);
    host.behave('/unlisted/remoteEntry.js', {
      body: `self.${unlisted.name}_ran = true;`,
      contentType: 'text/javascript',
    });
    await portico(
      'publish',
      `${host.url}/unlisted/mf-manifest.json`,
      '--name',
      unlisted.name,
      '--version',
      '1.0.0',
      '--route',
      unlisted.route,
      '--title',
      unlisted.title,
      '--owner',
      FIXTURE_OWNER,
    );
    // The registry fetched the entry once, to hash it; the browser must not fetch it at all.
    const fetchedBefore = host.requestsTo('/unlisted/remoteEntry.js');
    await openRemote(page, unlisted.title);
    await expectErrorCard(page, {
      name: unlisted.name,
      title: unlisted.title,
      code: 'PORTICO_REMOTE_BLOCKED_BY_CSP',
      cause: `does not allow scripts from ${host.url}`,
    });
    expect(host.requestsTo('/unlisted/remoteEntry.js')).toBe(fetchedBefore);
    expect(
      await page.evaluate(name => (window as unknown as Record<string, unknown>)[`${name}_ran`], unlisted.name),
    ).toBeUndefined();
    await expectOtherRemotesWork(page);
  } finally {
    await host.close();
  }
});
