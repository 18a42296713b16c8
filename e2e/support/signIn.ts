import { expect, Page } from '@playwright/test';

/**
 * Signs in through the shell's development sign-in page and waits for the navigation. The button
 * is pressed from the keyboard, so the mouse does not rest over whatever the home page draws
 * where the button was (hovering a remote's link prefetches it).
 */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in as guest' }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Remotes' })).toBeVisible();
}
