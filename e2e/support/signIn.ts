import { expect, Page } from '@playwright/test';

/** Signs in through the shell's development sign-in page and waits for the navigation. */
export async function signIn(page: Page, path = '/') {
  await page.goto(path);
  await page.getByRole('button', { name: 'Sign in as guest' }).click();
  await expect(page.getByRole('navigation', { name: 'Remotes' })).toBeVisible();
}
