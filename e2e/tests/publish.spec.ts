import { expect, test } from '@playwright/test';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashTree } from '../support/hashTree';
import { E2E_TMP, ROOT } from '../support/portal';
import { buildRemote, portico } from '../support/publish';
import { signIn } from '../support/signIn';

const HEADING = 'Components owned by payments-team';
const NEW_HEADING = 'Components owned by payments-team, now in 1.1.0';

/** Copies the payments remote as a team would have it checked out, and changes its code. */
async function preparePaymentsChange(): Promise<string> {
  const dir = join(E2E_TMP, 'payments-next');
  await cp(join(ROOT, 'remotes/payments'), dir, {
    recursive: true,
    filter: source => !/\/(node_modules|dist)(\/|$)/.test(source),
  });
  const packagePath = join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(packagePath, 'utf8'));
  pkg.version = '1.1.0';
  await writeFile(packagePath, JSON.stringify(pkg, null, 2));
  const listPath = join(dir, 'src/components/ComponentList/ComponentList.tsx');
  const source = await readFile(listPath, 'utf8');
  const changed = source.replace(`${HEADING}</h2>`, `${NEW_HEADING}</h2>`);
  expect(changed, 'the payments heading this test edits has moved').not.toBe(source);
  await writeFile(listPath, changed);
  return dir;
}

test('publishing a changed remote while the portal runs shows after a reload, shell untouched', async ({ page, request }) => {
  test.setTimeout(240_000);
  await signIn(page, '/payments');
  await expect(page.getByRole('heading', { name: HEADING, exact: true })).toBeVisible();

  const shellDist = join(ROOT, 'shell/dist');
  const shellFilesBefore = await hashTree(shellDist);
  const shellIndexBefore = await (await request.get('/')).body();

  const dir = await preparePaymentsChange();
  await buildRemote(dir);
  const output = await portico('publish', join(dir, 'dist'));
  expect(output).toContain('team_payments@1.1.0 is live at /payments');

  await page.reload();
  await expect(page.getByRole('heading', { name: NEW_HEADING })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'payments-api' })).toContainText('production');

  // The shell was neither rebuilt nor redeployed: every file and the served page are identical.
  expect(await hashTree(shellDist)).toEqual(shellFilesBefore);
  expect((await (await request.get('/')).body()).equals(shellIndexBefore)).toBe(true);
});
