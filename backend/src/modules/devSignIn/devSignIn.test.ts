import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleDevSignIn, DEV_USER_HEADER } from './authModule';
import { readDevSignInEnabled } from './config';
import { devSignInUsersPlugin } from './usersPlugin';

const user = (name: string, displayName: string, group: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { profile: { displayName }, memberOf: [group] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${group}` }],
});
const entities = [user('linus', 'Linus Chen', 'payments-team'), user('ada', 'Ada Lovelace', 'platform-engineers')];

const config = (enabled: boolean, extra: object = {}) =>
  mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: 'http://localhost:3000' },
      auth: { environment: 'development', providers: { development: {} }, ...extra },
      portico: { devSignIn: { enabled } },
    },
  });

describe('development sign-in', () => {
  // A database we own, so that jest can close it (the default one keeps the process alive).
  const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });
  const database = async () => mockServices.database.factory({ knex: await databases.init('SQLITE_3') });

  it('signs in as the chosen catalog user, with the groups the catalog gives them', async () => {
    const { server } = await startTestBackend({
      features: [
        import('@backstage/plugin-auth-backend'),
        authModuleDevSignIn,
        catalogServiceMock.factory({ entities }),
        config(true),
        await database(),
      ],
    });
    const response = await request(server)
      .get('/api/auth/development/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set(DEV_USER_HEADER, 'linus');
    expect(response.status).toBe(200);
    expect(response.body.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/linus',
      ownershipEntityRefs: expect.arrayContaining(['user:default/linus', 'group:default/payments-team']),
    });
  });

  it('refuses a user the catalog does not know, and a missing or malformed name', async () => {
    const { server } = await startTestBackend({
      features: [import('@backstage/plugin-auth-backend'), authModuleDevSignIn, catalogServiceMock.factory({ entities }), config(true), await database()],
    });
    const refresh = (name?: string) => {
      const call = request(server).get('/api/auth/development/refresh').set('X-Requested-With', 'XMLHttpRequest');
      return name === undefined ? call : call.set(DEV_USER_HEADER, name);
    };
    expect((await refresh('mallory')).status).toBeGreaterThanOrEqual(400);
    const missing = await refresh();
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/^x-portico-dev-user: name the catalog user/);
    expect((await refresh('../admin')).status).toBe(400);
  });

  it('is absent when disabled', async () => {
    const { server } = await startTestBackend({
      features: [import('@backstage/plugin-auth-backend'), authModuleDevSignIn, devSignInUsersPlugin, catalogServiceMock.factory({ entities }), config(false), await database()],
    });
    const refresh = await request(server)
      .get('/api/auth/development/refresh')
      .set('X-Requested-With', 'XMLHttpRequest')
      .set(DEV_USER_HEADER, 'linus');
    expect(refresh.status).toBe(404);
    expect((await request(server).get('/api/dev-sign-in/users')).status).toBe(404);
  });

  it('lists the catalog users to choose from, without signing in', async () => {
    const { server } = await startTestBackend({
      features: [devSignInUsersPlugin, catalogServiceMock.factory({ entities }), config(true)],
    });
    const response = await request(server).get('/api/dev-sign-in/users').set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(200);
    expect(response.body.users).toEqual([
      { name: 'ada', userEntityRef: 'user:default/ada', displayName: 'Ada Lovelace', groups: ['group:default/platform-engineers'] },
      { name: 'linus', userEntityRef: 'user:default/linus', displayName: 'Linus Chen', groups: ['group:default/payments-team'] },
    ]);
  });

  it('stops start-up when enabled with a production configuration', () => {
    const production = new ConfigReader({ auth: { environment: 'production' }, portico: { devSignIn: { enabled: true } } });
    expect(() => readDevSignInEnabled(production)).toThrow(/portico\.devSignIn\.enabled: .* refused with a production configuration/);
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(() => readDevSignInEnabled(new ConfigReader({ portico: { devSignIn: { enabled: true } } }))).toThrow(/NODE_ENV=production/);
      expect(readDevSignInEnabled(new ConfigReader({ portico: { devSignIn: { enabled: false } } }))).toBe(false);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });
});
