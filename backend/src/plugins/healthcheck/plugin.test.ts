import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { healthcheckPlugin } from './plugin';

describe('healthcheckPlugin', () => {
  it('answers GET /healthcheck with 200 once the backend is ready', async () => {
    const { server } = await startTestBackend({ features: [healthcheckPlugin] });
    const response = await request(server).get('/healthcheck');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('passes on a 503 from readiness, as while plugins are still starting', async () => {
    const notReady = createServiceFactory({
      service: coreServices.rootHealth,
      deps: {},
      factory: () => ({
        getLiveness: async () => ({ status: 200, payload: { status: 'ok' } }),
        getReadiness: async () => ({
          status: 503,
          payload: { message: 'Backend has not started yet', status: 'error' },
        }),
      }),
    });
    const { server } = await startTestBackend({ features: [healthcheckPlugin, notReady] });
    const response = await request(server).get('/healthcheck');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('error');
  });
});
