import { expect, Page } from '@playwright/test';

/**
 * Signs in through the shell's development sign-in page as a catalog user (`linus`), and waits
 * for the navigation. Pressed from the keyboard so the mouse rests on nothing that prefetches.
 */
export async function signInAs(page: Page, name: string, path = '/') {
  await page.goto(path);
  await page.getByTestId(`sign-in-as-${name}`).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Remotes' })).toBeVisible();
}
