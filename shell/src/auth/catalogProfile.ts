/**
 * The profile of the signed-in user from their catalog entity, which the guest and development
 * providers leave empty. Loaded on its own after sign-in, with `@backstage/catalog-model`: the
 * first screen does not carry it.
 */
import { type UserEntity, parseEntityRef } from '@backstage/catalog-model';
import type { SignedInUser } from './signedInUser';

/** `GET {backend}/api/catalog/entities/by-name/{kind}/{namespace}/{name}`: the user's `spec.profile`, if readable. */
export async function readCatalogProfile(
  backendBaseUrl: string,
  user: Pick<SignedInUser, 'userEntityRef' | 'token'>,
): Promise<SignedInUser['profile'] | undefined> {
  let ref: { kind: string; namespace: string; name: string };
  try {
    ref = parseEntityRef(user.userEntityRef);
  } catch {
    return undefined;
  }
  const path = [ref.kind, ref.namespace, ref.name].map(encodeURIComponent).join('/');
  const response = await fetch(`${backendBaseUrl}/api/catalog/entities/by-name/${path}`, {
    headers: { Authorization: `Bearer ${user.token}` },
  });
  if (!response.ok) return undefined;
  const entity = (await response.json()) as Partial<UserEntity>;
  return entity.spec?.profile;
}
