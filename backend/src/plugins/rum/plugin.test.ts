import { mockCredentials, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { metricsPlugin } from '../metrics';
import { rumPlugin } from './plugin';

const load = { remote: 'team_payments', version: '1.0.0', durationMs: 120, outcome: 'ok' };

async function start() {
  const { server } = await startTestBackend({ features: [rumPlugin, metricsPlugin] });
  return server;
}

function beacon(server: Awaited<ReturnType<typeof start>>, body: unknown) {
  return request(server)
    .post('/api/rum/beacon')
    .set('Content-Type', 'text/plain;charset=UTF-8')
    .send(typeof body === 'string' ? body : JSON.stringify(body));
}

describe('rumPlugin', () => {
  it('records a beacon carrying a user token and summarises it per remote version', async () => {
    const server = await start();
    const token = mockCredentials.user.token('user:default/ada');
    const loads = [
      load,
      { ...load, durationMs: 80 },
      { ...load, outcome: 'error', code: 'PORTICO_REMOTE_TIMEOUT', durationMs: 15000 },
    ];
    const posted = await beacon(server, { token, loads });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 3, dropped: 0 });

    const summary = await request(server)
      .get('/api/rum/remote-loads')
      .set('Authorization', mockCredentials.user.header());
    expect(summary.status).toBe(200);
    expect(summary.body.remotes).toEqual([
      {
        remote: 'team_payments',
        version: '1.0.0',
        loads: 3,
        errors: 1,
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
      },
    ]);
    // Both successful loads fall in the (75, 100] and (100, 150] buckets.
    expect(summary.body.remotes[0].p50Ms).toBeGreaterThan(75);
    expect(summary.body.remotes[0].p95Ms).toBeLessThanOrEqual(150);
  });

  it('exposes the histogram and the error counter at /metrics in Prometheus format', async () => {
    const server = await start();
    await beacon(server, {
      token: mockCredentials.user.token(),
      loads: [load, { ...load, outcome: 'error', code: 'PORTICO_REMOTE_ENTRY_NOT_FOUND' }],
    });
    const metrics = await request(server).get('/metrics').set('Authorization', mockCredentials.service.header());
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE portico_remote_load_ms histogram');
    expect(metrics.text).toContain(
      'portico_remote_load_ms_bucket{le="150",remote="team_payments",version="1.0.0",outcome="ok"} 1',
    );
    expect(metrics.text).toContain(
      'portico_remote_load_errors_total{remote="team_payments",version="1.0.0",code="PORTICO_REMOTE_ENTRY_NOT_FOUND"} 1',
    );
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it('refuses a beacon with a forged token (401) or a service token (403)', async () => {
    const server = await start();
    expect((await beacon(server, { token: mockCredentials.user.invalidToken(), loads: [load] })).status).toBe(401);
    expect((await beacon(server, { token: mockCredentials.service.token(), loads: [load] })).status).toBe(403);
  });

  it('refuses malformed beacons with 400, naming the field', async () => {
    const server = await start();
    const token = mockCredentials.user.token();
    const notJson = await beacon(server, 'not json');
    expect(notJson.status).toBe(400);
    const badName = await beacon(server, { token, loads: [{ ...load, remote: 'team-payments' }] });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain('loads.0.remote');
    const noCode = await beacon(server, { token, loads: [{ ...load, outcome: 'error' }] });
    expect(noCode.body.error.message).toContain('loads.0.code');
    const tooMany = await beacon(server, { token, loads: Array.from({ length: 21 }, () => load) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('loads');
  });

  it('refuses a body over 16 KiB', async () => {
    const server = await start();
    const response = await beacon(server, {
      token: mockCredentials.user.token(),
      loads: [load],
      padding: 'x'.repeat(20_000),
    });
    expect(response.status).toBe(413);
  });

  it('answers the summary to signed-in users and services only', async () => {
    const server = await start();
    const anonymous = await request(server)
      .get('/api/rum/remote-loads')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const service = await request(server)
      .get('/api/rum/remote-loads')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(200);
    expect(service.body.remotes).toEqual([]);
  });
});
