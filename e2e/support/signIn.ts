import { expect, Page } from '@playwright/test';

/**
 * Signs in with the guest provider (app-config.yaml makes every guest Ada, a platform engineer)
 * from the shell's sign-in page, and waits for the navigation. The button is pressed from the
 * keyboard, so the mouse does not rest over whatever the home page draws where the button was
 * (hovering a remote's link prefetches it).
 */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in as guest' }).press('Enter');
  await expect(page.getByRole('navigation', { name: 'Remotes' })).toBeVisible();
}
