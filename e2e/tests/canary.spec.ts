import { expect, test } from '@playwright/test';
import { canaryBucket } from '@portico/plugin-registry-backend/testUtils';
import {
  buildPaymentsNext,
  PAYMENTS_HEADING,
  PAYMENTS_NEXT_HEADING,
  PAYMENTS_NEXT_VERSION,
  PAYMENTS_VERSION,
} from '../support/paymentsNext';
import { portico } from '../support/publish';
import { signInAs } from '../support/signInAs';

const CATALOG_USERS = ['ada', 'grace', 'linus', 'mara', 'sven', 'yuki'];
const PERCENT = 50;

/** Two sample users on either side of the canary, by the registry's own assignment. */
function usersAroundCanary() {
  const bucket = (name: string) => canaryBucket(`user:default/${name}`, 'team_payments');
  const inside = CATALOG_USERS.find(name => bucket(name) < PERCENT);
  const outside = CATALOG_USERS.find(name => bucket(name) >= PERCENT);
  if (!inside || !outside) throw new Error('the sample users all fall on one side of the canary');
  return { inside, outside };
}

test('a canary serves the new version to its share of users, sticky per user', async ({ browser }) => {
  test.setTimeout(240_000);
  await portico('publish', await buildPaymentsNext(), '--no-live');
  await portico('promote', 'team_payments', PAYMENTS_VERSION);
  expect(await portico('promote', 'team_payments', '1.1.0', '--percent', String(PERCENT))).toContain(
    `${PAYMENTS_VERSION} live, ${PAYMENTS_NEXT_VERSION} canary ${PERCENT}%`,
  );

  const { inside, outside } = usersAroundCanary();
  const insidePage = await (await browser.newContext()).newPage();
  const outsidePage = await (await browser.newContext()).newPage();
  try {
    await signInAs(insidePage, inside, '/payments');
    await signInAs(outsidePage, outside, '/payments');
    for (let visit = 0; visit < 2; visit++) {
      await expect(insidePage.getByRole('heading', { name: PAYMENTS_NEXT_HEADING })).toBeVisible();
      await expect(outsidePage.getByRole('heading', { name: PAYMENTS_HEADING, exact: true })).toBeVisible();
      await insidePage.reload();
      await outsidePage.reload();
    }

    // Completing the canary serves the new version to everyone.
    await portico('promote', 'team_payments', '1.1.0');
    await outsidePage.reload();
    await expect(outsidePage.getByRole('heading', { name: PAYMENTS_NEXT_HEADING })).toBeVisible();
  } finally {
    await insidePage.context().close();
    await outsidePage.context().close();
    // Leave payments as the portal started, with its first version live, for the tests that follow.
    await portico('promote', 'team_payments', PAYMENTS_VERSION);
  }
});
