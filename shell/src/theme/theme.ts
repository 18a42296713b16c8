/**
 * Light and dark themes. By default the portal follows the operating system
 * (`prefers-color-scheme`, in styles.css); a choice made in the user menu is remembered in
 * localStorage and set as `data-theme` on <html>. index.html applies a remembered choice before
 * the first paint (a small inline script whose hash the server's CSP admits).
 */
import { useSyncExternalStore } from 'react';

export type ThemePreference = 'system' | 'light' | 'dark';

/** The localStorage key; index.html's inline script reads the same key. */
export const THEME_STORAGE_KEY = 'portico.theme';

const listeners = new Set<() => void>();

/** Applies and remembers a theme choice. */
export function setThemePreference(preference: ThemePreference): void {
  try {
    if (preference === 'system') localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
  const root = document.documentElement;
  if (preference === 'system') delete root.dataset.theme;
  else root.dataset.theme = preference;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current theme choice, re-rendering when it changes. */
export function useThemePreference(): ThemePreference {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme as ThemePreference) ?? 'system');
}
