import { expect, test, type Page } from '@playwright/test';
import { BACKEND_URL } from '../support/portal';
import { portico } from '../support/publish';
import { signInAs } from '../support/signInAs';

/**
 * Remotes ask the permission backend with `usePermission`, through the shell's permission API,
 * and show an action only where the policy allows it; the server refuses the same action to
 * whoever does not see the button. Linus is in payments-team (refreshes and changes what his team
 * owns); Ada is a platform engineer (a superuser).
 */

const PAYMENTS_API = 'component:default/payments-api';
/** In the developer-platform domain: the teams may read it, only platform engineers refresh it. */
const PORTICO_SHELL = 'component:default/portico-shell';

/**
 * Signs in as a catalog user at `path`, and returns the Authorization header the shell sends for
 * them (taken from its first call to the permission backend), to call the API as that user.
 */
async function signInAndCaptureToken(page: Page, user: string, path: string): Promise<string> {
  const authorize = page.waitForRequest(request => request.url() === `${BACKEND_URL}/api/permission/authorize`);
  await signInAs(page, user, path);
  const authorization = (await authorize).headers().authorization;
  expect(authorization).toMatch(/^Bearer /);
  return authorization;
}

const entityRow = (page: Page, entityRef: string) => page.locator(`[data-entity-ref="${entityRef}"]`);

test('the catalog offers Refresh only on entities the user may refresh, and the catalog agrees', async ({
  browser,
}) => {
  const linus = await (await browser.newContext()).newPage();
  const ada = await (await browser.newContext()).newPage();
  try {
    // While the permission backend has not answered, no button shows (none appears, then goes).
    let release!: () => void;
    const answered = new Promise<void>(resolve => (release = resolve));
    await linus.route(`${BACKEND_URL}/api/permission/authorize`, async route => {
      await answered;
      await route.continue();
    });
    const linusToken = await signInAndCaptureToken(linus, 'linus', '/catalog');
    await expect(entityRow(linus, PAYMENTS_API)).toBeVisible();
    await expect(entityRow(linus, PORTICO_SHELL)).toBeVisible();
    await expect(linus.getByRole('button', { name: /^Refresh / })).toHaveCount(0);
    release();

    // payments-api is his team's; portico-shell he may read but not refresh. The decisions of
    // every row arrive in one batch, so once one button is there, all of them are.
    const refreshOwn = entityRow(linus, PAYMENTS_API).getByRole('button', { name: 'Refresh payments-api' });
    await expect(refreshOwn).toBeVisible();
    await expect(entityRow(linus, PORTICO_SHELL).getByRole('button')).toHaveCount(0);

    await refreshOwn.click();
    await expect(entityRow(linus, PAYMENTS_API).getByRole('status')).toHaveText('Refresh scheduled');
    await expect(entityRow(linus, PAYMENTS_API).getByRole('alert')).toHaveCount(0);

    // The catalog decides the same for the same user.
    const refresh = (entityRef: string) =>
      linus.request.post(`${BACKEND_URL}/api/catalog/refresh`, {
        headers: { Authorization: linusToken },
        data: { entityRef },
      });
    expect((await refresh(PORTICO_SHELL)).status()).toBe(403);
    expect((await refresh(PAYMENTS_API)).status()).toBe(200);

    // Ada may refresh both.
    await signInAs(ada, 'ada', '/catalog');
    await expect(entityRow(ada, PAYMENTS_API).getByRole('button', { name: 'Refresh payments-api' })).toBeVisible();
    const refreshShell = entityRow(ada, PORTICO_SHELL).getByRole('button', { name: 'Refresh portico-shell' });
    await expect(refreshShell).toBeVisible();
    await refreshShell.click();
    await expect(entityRow(ada, PORTICO_SHELL).getByRole('status')).toHaveText('Refresh scheduled');
  } finally {
    await linus.context().close();
    await ada.context().close();
  }
});

test('the registry console offers promote and roll back only on remotes the user may change, and the registry agrees', async ({
  browser,
}) => {
  // The console is visible to everyone signed in unless an administrator restricted it.
  await portico('visibility', 'platform_registry');
  const linus = await (await browser.newContext()).newPage();
  const ada = await (await browser.newContext()).newPage();
  const remoteRow = (page: Page, name: string) =>
    page.locator(`[data-testid="registry-remote"][data-remote="${name}"]`);
  try {
    const linusToken = await signInAndCaptureToken(linus, 'linus', '/registry');
    await expect(linus.getByTestId('registry-table')).toBeVisible();
    // team_payments is his team's; the platform's remotes he may only look at.
    const own = remoteRow(linus, 'team_payments');
    await expect(own.getByRole('button', { name: 'Promote' })).toBeVisible();
    await expect(own.getByRole('button', { name: /^(Roll back|Cancel canary)$/ })).toBeVisible();
    for (const name of ['platform_catalog', 'platform_registry']) {
      await expect(remoteRow(linus, name).getByText('View only')).toBeVisible();
      await expect(remoteRow(linus, name).getByRole('button')).toHaveCount(0);
    }

    // The registry refuses him the same actions; nothing changes.
    const before = await portico('status', 'platform_catalog');
    for (const action of ['rollback', 'promote']) {
      const refused = await linus.request.post(`${BACKEND_URL}/api/registry/remotes/platform_catalog/${action}`, {
        headers: { Authorization: linusToken },
        data: action === 'promote' ? { version: '1.0.0' } : {},
      });
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.message).toMatch(
        new RegExp(`^registry\\.remote\\.${action}: user:default/linus may not`),
      );
    }
    expect(await portico('status', 'platform_catalog')).toBe(before);

    // Ada administers the registry: every remote can be changed.
    await signInAs(ada, 'ada', '/registry');
    for (const name of ['team_payments', 'platform_catalog', 'platform_registry']) {
      await expect(remoteRow(ada, name).getByRole('button', { name: 'Promote' })).toBeVisible();
    }
    await expect(ada.getByText('View only')).toHaveCount(0);
  } finally {
    await linus.context().close();
    await ada.context().close();
  }
});
