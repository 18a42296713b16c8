import { expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { access, cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_TMP, ROOT } from './portal';
import { buildRemote } from './publish';

export const PAYMENTS_HEADING = 'Components owned by payments-team';
export const PAYMENTS_NEXT_HEADING = 'Components owned by payments-team, now in 1.1.0';
/** The version `npm start` publishes and makes live: remotes/payments/package.json's. */
export const PAYMENTS_VERSION: string = JSON.parse(
  readFileSync(join(ROOT, 'remotes/payments/package.json'), 'utf8'),
).version;
export const PAYMENTS_NEXT_VERSION = '1.1.0';

/**
 * A changed payments remote, as a team would have it checked out: version 1.1.0 with a new
 * heading, built with its own webpack build. Built once per run; returns its dist folder.
 */
export async function buildPaymentsNext(): Promise<string> {
  const dir = join(E2E_TMP, 'payments-next');
  const dist = join(dir, 'dist');
  if (
    await access(join(dist, 'portico-remote.json')).then(
      () => true,
      () => false,
    )
  ) {
    return dist;
  }
  await cp(join(ROOT, 'remotes/payments'), dir, {
    recursive: true,
    filter: source => !/\/(node_modules|dist)(\/|$)/.test(source),
  });
  const packagePath = join(dir, 'package.json');
  const pkg = JSON.parse(await readFile(packagePath, 'utf8'));
  pkg.version = PAYMENTS_NEXT_VERSION;
  await writeFile(packagePath, JSON.stringify(pkg, null, 2));
  const listPath = join(dir, 'src/components/ComponentList/ComponentList.tsx');
  const source = await readFile(listPath, 'utf8');
  const changed = source.replace(`${PAYMENTS_HEADING}</h2>`, `${PAYMENTS_NEXT_HEADING}</h2>`);
  expect(changed, 'the payments heading this test edits has moved').not.toBe(source);
  await writeFile(listPath, changed);
  await buildRemote(dir);
  return dist;
}
