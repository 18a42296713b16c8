import type { Page } from '@playwright/test';

type ManifestRemoteJson = Record<string, unknown> & { name: string };

/**
 * Changes the registry's manifest in transit for this page (the registry validates what it
 * serves, so a malformed entry has to be made on the way). The shell also polls the manifest: a
 * poll of a page that has since navigated is disposed by Playwright midway, and its answer no
 * longer matters. Undo with `page.unrouteAll({ behavior: 'ignoreErrors' })`, for the same reason.
 */
export async function rewriteManifest(page: Page, edit: (remote: ManifestRemoteJson) => ManifestRemoteJson) {
  await page.route('**/api/registry/manifest', async route => {
    try {
      const response = await route.fetch();
      const manifest = (await response.json()) as { remotes: ManifestRemoteJson[] };
      manifest.remotes = manifest.remotes.map(edit);
      await route.fulfill({ response, json: manifest });
    } catch (error) {
      if (!/disposed|closed|already handled/i.test(String(error))) throw error;
    }
  });
}
