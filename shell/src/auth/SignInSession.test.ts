import { REMEMBERED_PROVIDER_KEY } from './rememberedChoice';
import { SignInSession, type SignInSessionOptions } from './SignInSession';

/** Lets pending promise callbacks run (the profile is read from the catalog after sign-in). */
async function settled() {
  for (let tick = 0; tick < 20; tick++) await Promise.resolve();
}

function jwt(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'ES256' })}.${encode(payload)}.signature`;
}

describe('SignInSession', () => {
  const BACKEND = 'http://localhost:7007';
  const identity = (name: string) => ({
    profile: { displayName: `${name} (IdP)`, email: `${name}@portico.example` },
    backstageIdentity: {
      token: jwt({ sub: `user:default/${name}`, exp: Math.floor(Date.now() / 1000) + 3600 }),
      identity: {
        type: 'user',
        userEntityRef: `user:default/${name}`,
        ownershipEntityRefs: [`user:default/${name}`, 'group:default/payments-team'],
      },
    },
  });
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  let storage: Map<string, string>;
  let fetchMock: jest.SpyInstance;
  let session: SignInSession | undefined;

  function createSession(options: Partial<SignInSessionOptions> = {}) {
    session = new SignInSession({
      backendBaseUrl: BACKEND,
      authEnvironment: 'development',
      signInProviders: ['guest', 'development', 'oidc'],
      appOrigin: 'http://localhost:3000',
      ...options,
    });
    return session;
  }

  beforeEach(() => {
    jest.useFakeTimers();
    storage = new Map();
    Object.assign(globalThis, {
      localStorage: {
        getItem: (key: string) => storage.get(key) ?? null,
        setItem: (key: string, value: string) => storage.set(key, value),
        removeItem: (key: string) => storage.delete(key),
      },
    });
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });

  afterEach(async () => {
    fetchMock.mockImplementation(async () => json(200, {}));
    await session?.signOut();
    session = undefined;
    jest.restoreAllMocks();
    delete (globalThis as { localStorage?: unknown }).localStorage;
    jest.useRealTimers();
  });

  it("signs in with OIDC through the backend's popup and remembers it", async () => {
    const openPopup = jest.fn(async () => identity('linus'));
    const user = await createSession({ openPopup }).signIn({ provider: 'oidc' });
    expect(openPopup).toHaveBeenCalledWith(
      `${BACKEND}/api/auth/oidc/start?env=development&scope=openid%20profile%20email&origin=http%3A%2F%2Flocalhost%3A3000&flow=popup`,
    );
    expect(user).toMatchObject({ userEntityRef: 'user:default/linus', profile: { displayName: 'linus (IdP)' } });
    expect(storage.get(REMEMBERED_PROVIDER_KEY)).toBe('oidc');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('opens the popup before it awaits anything, so the click still counts as one', () => {
    const openPopup = jest.fn(() => new Promise<unknown>(() => undefined));
    void createSession({ openPopup }).signIn({ provider: 'oidc' });
    expect(openPopup).toHaveBeenCalledTimes(1);
  });

  it('remembers nothing when the popup sign-in fails', async () => {
    const openPopup = async () => {
      throw new Error('unable to resolve user identity');
    };
    const current = createSession({ openPopup });
    await expect(current.signIn({ provider: 'oidc' })).rejects.toThrow('unable to resolve user identity');
    expect(current.user).toBeUndefined();
    expect(storage.has(REMEMBERED_PROVIDER_KEY)).toBe(false);
  });

  it('resumes a remembered OIDC sign-in with the refresh endpoint and its cookie', async () => {
    storage.set(REMEMBERED_PROVIDER_KEY, 'oidc');
    fetchMock.mockImplementation(async () => json(200, identity('linus')));
    const user = await createSession({ authEnvironment: 'production' }).resume();
    expect(user.userEntityRef).toBe('user:default/linus');
    expect(fetchMock).toHaveBeenCalledWith(`${BACKEND}/api/auth/oidc/refresh?env=production`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
  });

  it('forgets a remembered sign-in the backend no longer knows', async () => {
    storage.set(REMEMBERED_PROVIDER_KEY, 'oidc');
    fetchMock.mockImplementation(async () =>
      json(401, { error: { name: 'AuthenticationError', message: 'Refresh failed' } }),
    );
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(createSession().resume()).rejects.toThrow('Your session has ended. Sign in again.');
    expect(storage.has(REMEMBERED_PROVIDER_KEY)).toBe(false);
  });

  it('ignores a remembered provider this shell does not offer', () => {
    storage.set(REMEMBERED_PROVIDER_KEY, 'development:ada');
    expect(createSession({ signInProviders: ['oidc'] }).remembered()).toBeUndefined();
    expect(createSession({ signInProviders: ['development'] }).remembered()).toEqual({
      provider: 'development',
      user: 'ada',
    });
  });

  it('refuses a provider this shell does not offer', async () => {
    await expect(createSession({ signInProviders: ['oidc'] }).signIn({ provider: 'guest' })).rejects.toThrow(
      'not offered',
    );
  });

  it('signs out of OIDC: forgets the choice and asks the backend to clear its refresh cookie', async () => {
    const current = createSession({ openPopup: async () => identity('linus') });
    await current.signIn({ provider: 'oidc' });
    fetchMock.mockImplementation(async () => new Response(null, { status: 200 }));
    await current.signOut();
    expect(current.user).toBeUndefined();
    expect(storage.has(REMEMBERED_PROVIDER_KEY)).toBe(false);
    expect(fetchMock).toHaveBeenCalledWith(`${BACKEND}/api/auth/oidc/logout?env=development`, {
      method: 'POST',
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
      credentials: 'include',
    });
  });

  it('signs out of guest sign-in without calling the backend', async () => {
    fetchMock.mockImplementation(async () => json(200, { ...identity('ada'), profile: {} }));
    const current = createSession();
    await current.signIn({ provider: 'guest' });
    expect(fetchMock).toHaveBeenCalledWith(`${BACKEND}/api/auth/guest/refresh`, expect.anything());
    await settled();
    fetchMock.mockClear();
    await current.signOut();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("fills an empty profile in from the user's catalog entity", async () => {
    fetchMock.mockImplementation(async (url: string) =>
      url.includes('/api/catalog/')
        ? json(200, { spec: { profile: { displayName: 'Ada Lovelace', email: 'ada@portico.example' } } })
        : json(200, { ...identity('ada'), profile: {} }),
    );
    const current = createSession();
    await current.signIn({ provider: 'guest' });
    await settled();
    expect(current.user?.profile).toEqual({ displayName: 'Ada Lovelace', email: 'ada@portico.example' });
  });

  it('says what the backend answered when sign-in fails, from its Backstage error body', async () => {
    const body = { error: { name: 'AuthenticationError', message: 'Refresh failed' }, response: { statusCode: 401 } };
    fetchMock.mockImplementation(
      async () =>
        new Response(JSON.stringify(body), {
          status: 401,
          statusText: 'Unauthorized',
          headers: { 'content-type': 'application/json; charset=utf-8' },
        }),
    );
    await expect(createSession().signIn({ provider: 'guest' })).rejects.toThrow(
      'Sign-in failed (401 Unauthorized: Refresh failed)',
    );
  });
});
