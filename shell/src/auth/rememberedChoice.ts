/** Who to sign in as: the configured guest, a named catalog user (development only), or through OpenID Connect. */
export type SignInChoice = { provider: 'guest' } | { provider: 'development'; user: string } | { provider: 'oidc' };

/** The sign-in choice the browser remembers, so that a reload signs in again silently. */
export const REMEMBERED_PROVIDER_KEY = 'portico.signInProvider';

function encodeChoice(choice: SignInChoice): string {
  return choice.provider === 'development' ? `development:${choice.user}` : choice.provider;
}

function decodeChoice(value: string | null): SignInChoice | undefined {
  if (value === 'guest' || value === 'oidc') return { provider: value };
  const user = value?.startsWith('development:') ? value.slice('development:'.length) : '';
  return user ? { provider: 'development', user } : undefined;
}

/** The remembered choice, if any (and if the browser lets the page read its storage). */
export function readRememberedChoice(): SignInChoice | undefined {
  try {
    return decodeChoice(localStorage.getItem(REMEMBERED_PROVIDER_KEY));
  } catch {
    return undefined;
  }
}

export function rememberChoice(choice: SignInChoice): void {
  try {
    localStorage.setItem(REMEMBERED_PROVIDER_KEY, encodeChoice(choice));
  } catch {
    // Private browsing: sign-in still works, it just is not remembered.
  }
}

export function forgetRememberedChoice(): void {
  try {
    localStorage.removeItem(REMEMBERED_PROVIDER_KEY);
  } catch {
    // Nothing was remembered.
  }
}
