import type { DevSignInUser } from '@portico/contract';

export type { DevSignInUser };

/**
 * `GET {backend}/api/dev-sign-in/users`: the catalog's users to sign in as with the development
 * provider, or an empty list when development sign-in is off (or the backend cannot say).
 */
export async function listDevSignInUsers(backendBaseUrl: string): Promise<DevSignInUser[]> {
  try {
    const response = await fetch(`${backendBaseUrl}/api/dev-sign-in/users`);
    if (!response.ok) return [];
    return ((await response.json()) as { users?: DevSignInUser[] }).users ?? [];
  } catch {
    return [];
  }
}
