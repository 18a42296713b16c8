import { expect, test } from '@playwright/test';
import { FIXTURES } from '../support/fixtures';
import { publishFixtureUploads } from '../support/fixtureRemotes';
import { expectOtherRemotesWork, openRemote } from '../support/remotePages';

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await publishFixtureUploads();
});

test('a legacy remote (a React component using core-plugin-api) gets identity, permission and storage', async ({
  page,
}) => {
  const remote = FIXTURES.legacy;
  await openRemote(page, remote.title);
  await expect(page.getByRole('heading', { name: remote.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('legacy-user')).toHaveText('user:default/ada');
  // usePermission asked the real permission backend: Ada is a platform engineer, who may read the catalog.
  await expect(page.getByTestId('legacy-permission')).toHaveText('allowed');
  await expect(page.getByTestId('legacy-visits')).toHaveText('1');

  // The storage API keeps the count in this browser, under the remote's own namespace.
  await page.reload();
  await expect(page.getByTestId('legacy-visits')).toHaveText('2');
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys.some(key => key.startsWith(`portico/${remote.name}/`))).toBe(true);
  await expectOtherRemotesWork(page);
});
