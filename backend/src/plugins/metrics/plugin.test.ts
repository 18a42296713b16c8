import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Counter } from 'prom-client';
import request from 'supertest';
import { metricsPlugin } from './plugin';
import { metricsServiceRef } from '../../services/MetricsService';

describe('metricsPlugin', () => {
  it("serves every plugin's metrics registered in the metrics service at GET /metrics", async () => {
    const counting = createBackendPlugin({
      pluginId: 'counting',
      register(env) {
        env.registerInit({
          deps: { metrics: metricsServiceRef },
          async init({ metrics }) {
            new Counter({ name: 'portico_test_things_total', help: 'things', registers: [metrics.registry] }).inc(3);
          },
        });
      },
    });
    const { server } = await startTestBackend({ features: [metricsPlugin, counting] });
    const response = await request(server).get('/metrics').set('Authorization', mockCredentials.service.header());
    expect(response.status).toBe(200);
    expect(response.text).toContain('portico_test_things_total 3');
    expect(response.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers only services: 401 without a token, 403 to a user', async () => {
    const { server } = await startTestBackend({
      // The mock's default is a signed-in user; a real request without a token has none.
      features: [metricsPlugin, mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() })],
    });
    const anonymous = await request(server).get('/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.name).toBe('AuthenticationError');
    expect(anonymous.text).not.toContain('nodejs_');
    const user = await request(server)
      .get('/metrics')
      .set('Authorization', mockCredentials.user.header('user:default/ada'));
    expect(user.status).toBe(403);
    expect(user.text).not.toContain('nodejs_');
  });

  it('answers only GET and HEAD at /metrics itself', async () => {
    const { server } = await startTestBackend({ features: [metricsPlugin] });
    expect((await request(server).post('/metrics')).status).toBe(404);
    expect((await request(server).get('/metrics/other')).status).toBe(404);
  });
});
