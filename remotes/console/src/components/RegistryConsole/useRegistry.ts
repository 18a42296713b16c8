import { useCallback, useEffect, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import type { RemoteSummary } from '@portico/contract';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; remotes: RemoteSummary[] };

/** Reads Backstage's JSON error body (`{ error: { message } }`) or falls back to the status. */
async function errorMessage(response: Response): Promise<string> {
  const body = await response.json().catch(() => undefined);
  return body?.error?.message ?? `${response.status} ${response.statusText}`;
}

/** The registry's remotes as this user may see them; what they may do with each is asked per row (`useRemotePermissions`). */
export function useRegistry() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<State>({ status: 'loading' });

  const call = useCallback(
    async (path: string, init?: RequestInit) => {
      const baseUrl = await discoveryApi.getBaseUrl('registry');
      const response = await fetchApi.fetch(`${baseUrl}${path}`, init);
      if (!response.ok) throw new Error(await errorMessage(response));
      return response.json();
    },
    [discoveryApi, fetchApi],
  );

  const reload = useCallback(async () => {
    try {
      const { remotes } = await call('/remotes');
      setState({ status: 'ready', remotes });
    } catch (error) {
      setState({ status: 'error', message: (error as Error).message });
    }
  }, [call]);

  useEffect(() => {
    reload();
  }, [reload]);

  /** Posts an action; resolves to the server's error message, or undefined on success. */
  const act = useCallback(
    async (path: string, body?: unknown): Promise<string | undefined> => {
      try {
        await call(path, {
          method: 'POST',
          headers: body ? { 'Content-Type': 'application/json' } : undefined,
          body: body ? JSON.stringify(body) : undefined,
        });
        await reload();
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
    [call, reload],
  );

  return { state, reload, act };
}
