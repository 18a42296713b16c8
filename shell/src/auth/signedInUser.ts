import { tokenExpiresAt } from './tokenRefresh';

/** The signed-in user as the shell and its remotes see them. */
export interface SignedInUser {
  /** Backstage token sent as `Authorization: Bearer` to the backend. */
  token: string;
  /** When the token expires, in epoch milliseconds. */
  expiresAt: number;
  /** Such as `user:default/ada`. */
  userEntityRef: string;
  /** The user's and their groups' entity refs. */
  ownershipEntityRefs: string[];
  profile: { displayName?: string; email?: string; picture?: string };
}

/** What the auth backend answers a refresh, and the popup's authorization response. */
interface IdentityResponse {
  profile?: SignedInUser['profile'];
  backstageIdentity?: {
    token?: string;
    expiresInSeconds?: number;
    identity?: { userEntityRef?: string; ownershipEntityRefs?: string[] };
  };
}

/** The signed-in user of a refresh answer or an authorization response. */
export function toSignedInUser(body: unknown): SignedInUser {
  const { backstageIdentity, profile } = (body ?? {}) as IdentityResponse;
  const token = backstageIdentity?.token;
  const identity = backstageIdentity?.identity;
  if (!token || !identity?.userEntityRef) {
    throw new Error('Sign-in answered without a Backstage identity');
  }
  return {
    token,
    expiresAt: tokenExpiresAt(token, backstageIdentity?.expiresInSeconds),
    userEntityRef: identity.userEntityRef,
    ownershipEntityRefs: identity.ownershipEntityRefs ?? [identity.userEntityRef],
    profile: { ...profile },
  };
}

/**
 * Turns `user:default/ada` into `ada`, the fallback display name. Not `parseEntityRef` of
 * `@backstage/catalog-model`: the greeting is on the first screen, which does not carry Backstage
 * packages, and a ref that does not parse still has to show as something.
 */
function nameOfRef(ref: string): string {
  return ref.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
}

/** The name to greet the user with. */
export function displayNameOf(user: SignedInUser): string {
  return user.profile.displayName || nameOfRef(user.userEntityRef);
}
