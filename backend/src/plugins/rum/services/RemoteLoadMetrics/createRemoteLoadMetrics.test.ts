import { Registry } from 'prom-client';
import { createRemoteLoadMetrics } from './createRemoteLoadMetrics';

const report = { remote: 'team_payments', version: '1.0.0', durationMs: 100, outcome: 'ok' as const };

describe('createRemoteLoadMetrics', () => {
  it('stops tracking new remote versions beyond maxSeries, and counts what it drops', async () => {
    const registry = new Registry();
    const metrics = createRemoteLoadMetrics({ registry, maxSeries: 2 });
    expect(metrics.record([report, { ...report, version: '1.1.0' }, { ...report, version: '1.2.0' }])).toEqual({
      accepted: 2,
      dropped: 1,
    });
    // A version already tracked is still recorded.
    expect(metrics.record([report])).toEqual({ accepted: 1, dropped: 0 });
    expect((await metrics.summarize()).map(summary => `${summary.version}:${summary.loads}`)).toEqual([
      '1.0.0:2',
      '1.1.0:1',
    ]);
    expect(await registry.getSingleMetricAsString('portico_remote_load_reports_dropped_total')).toContain(
      'portico_remote_load_reports_dropped_total{reason="series_limit"} 1',
    );
  });

  it('keeps error loads out of the percentiles', async () => {
    const metrics = createRemoteLoadMetrics({ registry: new Registry() });
    metrics.record([report, { ...report, durationMs: 20_000, outcome: 'error', code: 'PORTICO_REMOTE_TIMEOUT' }]);
    const [summary] = await metrics.summarize({ remote: 'team_payments' });
    expect(summary).toMatchObject({ loads: 2, errors: 1 });
    expect(summary.p95Ms).toBeLessThanOrEqual(100);
  });
});
