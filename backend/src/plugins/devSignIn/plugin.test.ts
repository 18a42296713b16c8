import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { DEV_SIGN_IN_USERS } from '../../__testUtils__/catalogUsers';
import { devSignInUsersPlugin } from './plugin';

const entities = DEV_SIGN_IN_USERS;

const config = (enabled: boolean) =>
  mockServices.rootConfig.factory({
    data: { auth: { environment: 'development' }, portico: { devSignIn: { enabled } } },
  });

describe('development sign-in users', () => {
  it('lists the catalog users to choose from, without signing in', async () => {
    const { server } = await startTestBackend({
      features: [devSignInUsersPlugin, catalogServiceMock.factory({ entities }), config(true)],
    });
    const response = await request(server)
      .get('/api/dev-sign-in/users')
      .set('Authorization', mockCredentials.none.header());
    expect(response.status).toBe(200);
    expect(response.body.users).toEqual([
      {
        name: 'ada',
        userEntityRef: 'user:default/ada',
        displayName: 'Ada Lovelace',
        groups: ['group:default/platform-engineers'],
      },
      {
        name: 'linus',
        userEntityRef: 'user:default/linus',
        displayName: 'Linus Chen',
        groups: ['group:default/payments-team'],
      },
    ]);
  });

  it('is absent when disabled', async () => {
    const { server } = await startTestBackend({
      features: [devSignInUsersPlugin, catalogServiceMock.factory({ entities }), config(false)],
    });
    expect((await request(server).get('/api/dev-sign-in/users')).status).toBe(404);
  });
});
