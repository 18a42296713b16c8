import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { Counter } from 'prom-client';
import request from 'supertest';
import { metricsPlugin } from './plugin';
import { metricsServiceRef } from './metricsService';

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
    const response = await request(server).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.text).toContain('portico_test_things_total 3');
    expect(response.text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('answers only GET and HEAD at /metrics itself', async () => {
    const { server } = await startTestBackend({ features: [metricsPlugin] });
    expect((await request(server).post('/metrics')).status).toBe(404);
    expect((await request(server).get('/metrics/other')).status).toBe(404);
  });
});
