/* The two apps the bench compares, and how each is driven in the browser. */
import type { Page } from '@playwright/test';
import { SHELL_URL, STOCK_URL } from './settings';

/** How one app is driven: where it starts, what its first screen is, which link opens the catalog. */
export interface AppUnderTest {
  label: string;
  url: string;
  /** Prepares a fresh context so that the first screen is the signed-in home, as on any later visit. */
  rememberSignIn?: string;
  firstScreen: (page: Page) => Promise<void>;
  catalogLink: (page: Page) => ReturnType<Page['getByRole']>;
  /**
   * The table cell that says the catalog answered: the row of portico-shell, a component Ada's
   * team owns (the stock page lists what you own by default, by title; Portico's catalog remote
   * lists every component, by name).
   */
  catalogCellText: string;
}

export const APPS: AppUnderTest[] = [
  {
    label: 'Portico shell',
    url: SHELL_URL,
    rememberSignIn: "localStorage.setItem('portico.signInProvider', 'guest')",
    firstScreen: page =>
      page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Catalog', exact: true }).waitFor(),
    catalogLink: page =>
      page.getByRole('navigation', { name: 'Remotes' }).getByRole('link', { name: 'Catalog', exact: true }),
    catalogCellText: 'portico-shell',
  },
  {
    label: 'Stock Backstage',
    url: STOCK_URL,
    // Its sign-in page (`auto`) signs in again with the provider remembered from the last visit.
    rememberSignIn: "localStorage.setItem('@backstage/core:SignInPage:provider', 'guest')",
    firstScreen: page => page.getByRole('link', { name: 'Catalog', exact: true }).first().waitFor(),
    catalogLink: page => page.getByRole('link', { name: 'Catalog', exact: true }).first(),
    catalogCellText: 'Portico shell',
  },
];
