import useAsync from 'react-use/esm/useAsync';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import type { RemoteLoadSummary } from '@portico/contract';

export type { RemoteLoadSummary };

/**
 * Load times reported by browsers, by remote and version, read again whenever `refreshKey`
 * changes. Empty when the backend keeps none (the table then shows a dash): timing is an aid
 * here, never a reason for the console to fail.
 */
export function useLoadTimes(refreshKey: unknown): RemoteLoadSummary[] {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const { value } = useAsync(async () => {
    const response = await fetchApi.fetch(`${await discoveryApi.getBaseUrl('rum')}/remote-loads`);
    if (!response.ok) return [];
    const body = (await response.json()) as { remotes?: RemoteLoadSummary[] };
    return body.remotes ?? [];
  }, [discoveryApi, fetchApi, refreshKey]);
  return value ?? [];
}

/** `p50 120 ms · p95 310 ms (42 loads, 1 error)` for one version, or undefined without data. */
export function describeLoadTimes(summary: RemoteLoadSummary | undefined): string | undefined {
  if (!summary || summary.p50Ms === null) return undefined;
  const errors = summary.errors ? `, ${summary.errors} error${summary.errors === 1 ? '' : 's'}` : '';
  const loads = `${summary.loads} load${summary.loads === 1 ? '' : 's'}`;
  return `p50 ${summary.p50Ms} ms · p95 ${summary.p95Ms} ms (${loads}${errors})`;
}
