import { expect, test, type APIRequestContext } from '@playwright/test';
import type { RemoteLoadSummary } from '@portico/contract';
import { FIXTURES } from '../support/fixtures';
import { publishFixtureUploads } from '../support/fixtureRemotes';
import { BACKEND_URL, METRICS_TOKEN, PUBLISH_TOKEN } from '../support/portal';
import { nav, openRemote } from '../support/remotePages';

async function summaryOf(request: APIRequestContext, remote: string): Promise<RemoteLoadSummary[]> {
  const response = await request.get(`${BACKEND_URL}/api/rum/remote-loads?remote=${remote}`, {
    headers: { Authorization: `Bearer ${PUBLISH_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  return (await response.json()).remotes;
}

test('each remote load is reported with sendBeacon and aggregated per remote and version', async ({
  page,
  request,
}) => {
  const before = (await summaryOf(request, 'platform_catalog')).reduce((sum, entry) => sum + entry.loads, 0);
  const beacon = page.waitForRequest(req => req.url() === `${BACKEND_URL}/api/rum/beacon` && req.method() === 'POST');
  await openRemote(page, 'Catalog');
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();

  const sent = await beacon;
  expect(sent.headers()['content-type']).toMatch(/^text\/plain/);
  expect(sent.headers()['authorization']).toBeUndefined();
  const body = JSON.parse(sent.postData() ?? '{}');
  expect(body.loads).toEqual([
    { remote: 'platform_catalog', version: expect.any(String), durationMs: expect.any(Number), outcome: 'ok' },
  ]);

  await expect
    .poll(async () => (await summaryOf(request, 'platform_catalog')).reduce((sum, entry) => sum + entry.loads, 0))
    .toBe(before + 1);
  const [entry] = await summaryOf(request, 'platform_catalog');
  expect(entry.p50Ms).toEqual(expect.any(Number));
  expect(entry.p95Ms).toBeGreaterThanOrEqual(entry.p50Ms!);

  const metrics = await (
    await request.get(`${BACKEND_URL}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  expect(metrics).toContain('# TYPE portico_remote_load_ms histogram');
  expect(metrics).toMatch(
    /portico_remote_load_ms_bucket\{le="[^"]+",remote="platform_catalog",version="[^"]+",outcome="ok"\} [1-9]/,
  );
});

test('a failed load is reported with its error code', async ({ page, request }) => {
  await publishFixtureUploads();
  const remote = FIXTURES.evaluationThrows;
  await openRemote(page, remote.title);
  await expect(page.getByTestId('remote-error')).toBeVisible();
  await expect.poll(async () => (await summaryOf(request, remote.name))[0]?.errors ?? 0).toBeGreaterThan(0);
  const metrics = await (
    await request.get(`${BACKEND_URL}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })
  ).text();
  expect(metrics).toMatch(
    new RegExp(
      `portico_remote_load_errors_total\\{remote="${remote.name}",version="1.0.0",code="PORTICO_REMOTE_EVALUATION_FAILED"\\} [1-9]`,
    ),
  );
  await nav(page).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
});
