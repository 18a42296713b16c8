import { expect, test } from '@playwright/test';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { E2E_TMP, ROOT } from '../support/portal';
import { portico } from '../support/publish';
import { signIn } from '../support/signIn';
import { startStaticHost } from '../support/staticHost';

/**
 * A team hosts its remote itself and registers it by the URL of its mf-manifest.json. After the
 * registry has checked and hashed it, the host loses the entry: the browser gets a real 404.
 */
test('a remote whose entry answers 404 shows the error card, and the other remotes still work', async ({ page }) => {
  const hostDir = join(E2E_TMP, 'broken-host');
  await cp(join(ROOT, 'remotes/payments/dist'), hostDir, { recursive: true });
  // Renamed copy of a real build: it is published and hashed while whole, then loses its entry.
  const manifestPath = join(hostDir, 'mf-manifest.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.name = 'team_broken';
  await writeFile(manifestPath, JSON.stringify(manifest));

  const host = await startStaticHost(hostDir);
  try {
    await portico('publish', `${host.url}/mf-manifest.json`, '--name', 'team_broken', '--version', '1.0.0', '--route', '/broken', '--title', 'Broken', '--owner', 'group:default/search-team');
    host.missing.add('/remoteEntry.js');

    await signIn(page);
    const nav = page.getByRole('navigation', { name: 'Remotes' });
    await nav.getByRole('link', { name: 'Broken' }).click();
    const card = page.getByTestId('remote-error');
    await expect(card).toBeVisible({ timeout: 30_000 });
    await expect(card).toContainText('Broken');
    await expect(card).toContainText('team_broken');
    await expect(card.getByRole('button', { name: 'Retry' })).toBeVisible();

    // The shell survived: navigation works and another remote renders.
    await nav.getByRole('link', { name: 'Catalog' }).click();
    await expect(page.getByRole('cell', { name: 'payments-api', exact: true })).toBeVisible();
    await expect(page.getByTestId('remote-error')).toHaveCount(0);
  } finally {
    await host.close();
  }
});
