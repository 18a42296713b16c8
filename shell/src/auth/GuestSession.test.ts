import { displayNameOf, readTokenExpiry, type SignedInUser } from './GuestSession';

function jwt(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'ES256' })}.${encode(payload)}.signature`;
}

const user: SignedInUser = {
  token: 't',
  expiresAt: 0,
  userEntityRef: 'user:default/ada',
  ownershipEntityRefs: ['user:default/ada'],
  profile: {},
};

describe('readTokenExpiry', () => {
  it('reads the exp claim in milliseconds', () => {
    expect(readTokenExpiry(jwt({ sub: 'user:default/ada', exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
  });

  it('is undefined for a token without exp or that is not a JWT', () => {
    expect(readTokenExpiry(jwt({ sub: 'x' }))).toBeUndefined();
    expect(readTokenExpiry('not-a-jwt')).toBeUndefined();
  });
});

describe('displayNameOf', () => {
  it('prefers the profile display name', () => {
    expect(displayNameOf({ ...user, profile: { displayName: 'Ada Lovelace' } })).toBe('Ada Lovelace');
  });

  it('falls back to the name of the user entity ref', () => {
    expect(displayNameOf(user)).toBe('ada');
  });
});
