import { displayNameOf, type SignedInUser, toSignedInUser } from './signedInUser';

const user: SignedInUser = {
  token: 't',
  expiresAt: 0,
  userEntityRef: 'user:default/ada',
  ownershipEntityRefs: ['user:default/ada'],
  profile: {},
};

describe('displayNameOf', () => {
  it('prefers the profile display name', () => {
    expect(displayNameOf({ ...user, profile: { displayName: 'Ada Lovelace' } })).toBe('Ada Lovelace');
  });

  it('falls back to the name of the user entity ref', () => {
    expect(displayNameOf(user)).toBe('ada');
  });
});

describe('toSignedInUser', () => {
  it('reads the Backstage identity, its ownership refs defaulting to the user', () => {
    const signedIn = toSignedInUser({
      profile: { email: 'ada@portico.example' },
      backstageIdentity: { token: 'opaque', expiresInSeconds: 60, identity: { userEntityRef: 'user:default/ada' } },
    });
    expect(signedIn).toMatchObject({
      token: 'opaque',
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: ['user:default/ada'],
      profile: { email: 'ada@portico.example' },
    });
    expect(signedIn.expiresAt).toBeGreaterThan(Date.now());
  });

  it('refuses an answer without a token or a user entity ref', () => {
    expect(() => toSignedInUser({ backstageIdentity: { token: 't', identity: {} } })).toThrow(
      'without a Backstage identity',
    );
    expect(() => toSignedInUser(undefined)).toThrow('without a Backstage identity');
  });
});
