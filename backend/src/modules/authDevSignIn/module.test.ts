import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { DEV_SIGN_IN_USERS } from '../../__testUtils__/catalogUsers';
import { authModuleDevSignIn, DEV_USER_HEADER, toUserEntityRef } from './module';

const entities = DEV_SIGN_IN_USERS;

const config = (enabled: boolean, extra: object = {}) =>
  mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      auth: { environment: 'development', providers: { development: {} }, ...extra },
      portico: { devSignIn: { enabled } },
    },
  });

// Databases we own, so that they are closed (Backstage's default keeps SQLite open). At the top
// level, so that they close after the backends stop (backend-test-utils stops them in a
// top-level afterAll registered on import); in a describe block they would close first.
const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
const database = async () => mockServices.database.factory({ knex: await databases.init('SQLITE_3') });

/** The auth backend with the development sign-in module, enabled or not, over the test catalog. */
async function startAuth(enabled: boolean) {
  const { server } = await startTestBackend({
    features: [
      import('@backstage/plugin-auth-backend'),
      authModuleDevSignIn,
      catalogServiceMock.factory({ entities }),
      config(enabled),
      await database(),
    ],
  });
  /** A development sign-in refresh, as the shell sends it, for `name` (no header when undefined). */
  return (name?: string) => {
    const call = request(server).get('/api/auth/development/refresh').set('X-Requested-With', 'XMLHttpRequest');
    return name === undefined ? call : call.set(DEV_USER_HEADER, name);
  };
}

describe('the development sign-in auth module', () => {
  it('signs in as the chosen catalog user, with the groups the catalog gives them', async () => {
    const refresh = await startAuth(true);
    const response = await refresh('linus');
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/linus',
      ownershipEntityRefs: expect.arrayContaining(['user:default/linus', 'group:default/payments-team']),
    });
  });

  it('refuses a user the catalog does not know, and a missing or malformed name', async () => {
    const refresh = await startAuth(true);
    expect((await refresh('mallory')).status).toBeGreaterThanOrEqual(400);
    const missing = await refresh();
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^x-portico-dev-user: name the catalog user/);
    expect((await refresh('../admin')).status).toBe(400);
  });

  it('is absent when disabled', async () => {
    const refresh = await startAuth(false);
    expect((await refresh('linus')).status).toBe(404);
  });
});

describe('toUserEntityRef', () => {
  it('takes a user name or a user ref of the default namespace', () => {
    expect(toUserEntityRef('ada')).toBe('user:default/ada');
    expect(toUserEntityRef('user:default/ada')).toBe('user:default/ada');
    expect(toUserEntityRef('User:default/Ada')).toBe('user:default/ada');
  });

  it('refuses anything else', () => {
    for (const value of [undefined, '', 'group:default/ada', 'user:other/ada', '../admin', 'a b', 'user:default/']) {
      expect(() => toUserEntityRef(value)).toThrow(/^x-portico-dev-user: name the catalog user/);
    }
  });
});
