import { Counter, Histogram, type Registry } from 'prom-client';
import { quantileFromBuckets, type CumulativeBucket } from './quantile';
import type { RemoteLoadMetricsService, RemoteLoadSummary } from './types';

/** Bucket bounds in milliseconds: fine around the 150 ms target, coarse up to the load timeout. */
export const REMOTE_LOAD_BUCKETS_MS = [25, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 2000, 5000, 10000, 30000];
/** Remote versions tracked before reports for new ones are dropped. */
export const DEFAULT_MAX_SERIES = 1000;

/** Whole milliseconds: the buckets are far coarser than that anyway. */
const round = (value: number | null) => (value === null ? null : Math.round(value));

/** Creates the service, registering its metrics in `registry`. */
export function createRemoteLoadMetrics(options: { registry: Registry; maxSeries?: number }): RemoteLoadMetricsService {
  const maxSeries = options.maxSeries ?? DEFAULT_MAX_SERIES;
  const durations = new Histogram({
    name: 'portico_remote_load_ms',
    help: 'Remote loads in browsers as the shell reported them (real-user timing), in milliseconds, by remote, version and outcome',
    labelNames: ['remote', 'version', 'outcome'] as const,
    buckets: REMOTE_LOAD_BUCKETS_MS,
    registers: [options.registry],
  });
  const errors = new Counter({
    name: 'portico_remote_load_errors_total',
    help: 'Remote loads that ended on the error card, by remote, version and error code',
    labelNames: ['remote', 'version', 'code'] as const,
    registers: [options.registry],
  });
  const dropped = new Counter({
    name: 'portico_remote_load_reports_dropped_total',
    help:
      'Remote load reports not recorded, by reason: series_limit (too many remote versions tracked), ' +
      'not_served (not a live or canary version of a remote), registry_unavailable',
    labelNames: ['reason'] as const,
    registers: [options.registry],
  });
  const series = new Set<string>();

  return {
    record(reports) {
      let accepted = 0;
      for (const report of reports) {
        const key = `${report.remote}@${report.version}`;
        if (!series.has(key)) {
          if (series.size >= maxSeries) {
            dropped.inc({ reason: 'series_limit' });
            continue;
          }
          series.add(key);
        }
        durations.observe(
          { remote: report.remote, version: report.version, outcome: report.outcome },
          report.durationMs,
        );
        if (report.outcome === 'error') {
          errors.inc({ remote: report.remote, version: report.version, code: report.code ?? 'UNKNOWN' });
        }
        accepted++;
      }
      return { accepted, dropped: reports.length - accepted };
    },

    drop(count, reason) {
      if (count > 0) dropped.inc({ reason }, count);
    },

    async summarize(filter) {
      const { values } = await durations.get();
      const byVersion = new Map<
        string,
        { remote: string; version: string; loads: number; errors: number; buckets: CumulativeBucket[] }
      >();
      for (const sample of values) {
        const { remote, version, outcome, le } = sample.labels as Record<string, string | number>;
        if (filter?.remote && remote !== filter.remote) continue;
        const key = `${remote}@${version}`;
        const entry = byVersion.get(key) ?? {
          remote: String(remote),
          version: String(version),
          loads: 0,
          errors: 0,
          buckets: [],
        };
        byVersion.set(key, entry);
        const metric = (sample as { metricName?: string }).metricName;
        if (metric === 'portico_remote_load_ms_count') {
          entry.loads += sample.value;
          if (outcome === 'error') entry.errors += sample.value;
        } else if (metric === 'portico_remote_load_ms_bucket' && outcome === 'ok') {
          entry.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: sample.value });
        }
      }
      const summaries: RemoteLoadSummary[] = [...byVersion.values()].map(entry => ({
        remote: entry.remote,
        version: entry.version,
        loads: entry.loads,
        errors: entry.errors,
        p50Ms: round(quantileFromBuckets(entry.buckets, 0.5)),
        p95Ms: round(quantileFromBuckets(entry.buckets, 0.95)),
      }));
      return summaries.sort(
        (a, b) => a.remote.localeCompare(b.remote) || a.version.localeCompare(b.version, undefined, { numeric: true }),
      );
    },
  };
}
