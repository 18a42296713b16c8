import type { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import type { BeaconLimiter } from '../BeaconLimiter';
import { MIN_SERVED_VERSIONS_REFRESH_MS, type RegistryRemotesService } from '../RegistryRemotes';
import type { RemoteLoadMetricsService, RemoteLoadReport, RemoteLoadSummary } from '../RemoteLoadMetrics';

/** What the routes ask of the plugin: take a user's reports, summarise for a caller. */
export interface RemoteLoadIntake {
  /**
   * Records the reports of a signed-in user: at most so many beacons a minute per user (429
   * beyond), and only for remote versions the registry serves now (live or canary); the others
   * are dropped and counted, so that forged `remote@version` pairs never become metric series.
   */
  report(userEntityRef: string, reports: readonly RemoteLoadReport[]): Promise<{ accepted: number; dropped: number }>;
  /** The summaries of the remotes the caller may see (`registry.remote.read`), and no others. */
  summarize(credentials: BackstageCredentials, filter: { remote?: string }): Promise<RemoteLoadSummary[]>;
}

export function createRemoteLoadIntake(options: {
  metrics: RemoteLoadMetricsService;
  registry: RegistryRemotesService;
  limiter: BeaconLimiter;
  logger: LoggerService;
}): RemoteLoadIntake {
  const { metrics, registry, limiter, logger } = options;
  return {
    async report(userEntityRef, reports) {
      limiter.take(userEntityRef);
      const isServed = (served: ReadonlyMap<string, ReadonlySet<string>>, report: RemoteLoadReport) =>
        served.get(report.remote)?.has(report.version) ?? false;
      let served: ReadonlyMap<string, ReadonlySet<string>>;
      try {
        served = await registry.servedVersions();
        // A version promoted since the cached answer: ask again, unless that answer is very young.
        if (!reports.every(report => isServed(served, report))) {
          served = await registry.servedVersions({ maxAgeMs: MIN_SERVED_VERSIONS_REFRESH_MS });
        }
      } catch (error) {
        // Without the registry's answer no report can be checked; losing a few timings is
        // better than letting anyone name series.
        logger.warn(`Dropping remote load reports: the registry could not list served versions: ${error}`);
        metrics.drop(reports.length, 'registry_unavailable');
        return { accepted: 0, dropped: reports.length };
      }
      const known = reports.filter(report => isServed(served, report));
      metrics.drop(reports.length - known.length, 'not_served');
      const { accepted } = metrics.record(known);
      return { accepted, dropped: reports.length - accepted };
    },

    async summarize(credentials, filter) {
      const [visible, summaries] = await Promise.all([registry.visibleTo(credentials), metrics.summarize(filter)]);
      return summaries.filter(summary => visible.has(summary.remote));
    },
  };
}
