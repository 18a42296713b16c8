import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { hashTree } from '../support/hashTree';
import { buildPaymentsNext, PAYMENTS_HEADING, PAYMENTS_NEXT_HEADING } from '../support/paymentsNext';
import { ROOT } from '../support/portal';
import { portico } from '../support/publish';
import { signIn } from '../support/signIn';

test('publishing a changed remote while the portal runs shows after a reload, shell untouched', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  await signIn(page, '/payments');
  await expect(page.getByRole('heading', { name: PAYMENTS_HEADING, exact: true })).toBeVisible();

  const shellDist = join(ROOT, 'shell/dist');
  const shellFilesBefore = await hashTree(shellDist);
  const shellIndexBefore = await (await request.get('/')).body();

  const output = await portico('publish', await buildPaymentsNext());
  expect(output).toContain('team_payments@1.1.0 is live at /payments');

  await page.reload();
  await expect(page.getByRole('heading', { name: PAYMENTS_NEXT_HEADING })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'payments-api' })).toContainText('production');

  // The shell was neither rebuilt nor redeployed: every file and the served page are identical.
  expect(await hashTree(shellDist)).toEqual(shellFilesBefore);
  expect((await (await request.get('/')).body()).equals(shellIndexBefore)).toBe(true);
});
