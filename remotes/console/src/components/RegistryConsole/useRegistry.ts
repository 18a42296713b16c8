import { useCallback, useReducer } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { describeRegistryError, type RegistryClient } from '@portico/contract/client';
import { useRegistryClient } from './useRegistryClient';

/** A change to the registry that a row asks for, such as a promote or a rollback. */
export type RegistryChange = (registry: RegistryClient) => Promise<unknown>;

/**
 * Runs a change, then reloads the remotes; resolves to the registry's error message when it
 * refused, or undefined on success.
 */
export type ActOnRegistry = (change: RegistryChange) => Promise<string | undefined>;

/**
 * The registry's remotes as this user may see them, and `act` to change them; what the user may
 * do with each is asked per row (`useRemotePermissions`). While a reload runs, the remotes
 * already shown stay.
 */
export function useRegistry() {
  const registry = useRegistryClient();
  // Bumped after each change: `retry` does nothing while a load runs, and a load that started
  // before the change could answer with the remotes as they were.
  const [changes, changed] = useReducer((count: number) => count + 1, 0);
  const remotes = useAsyncRetry(() => registry.listRemotes(), [registry, changes]);

  const act = useCallback<ActOnRegistry>(
    async change => {
      try {
        await change(registry);
      } catch (error) {
        return describeRegistryError(error);
      }
      changed();
      return undefined;
    },
    [registry],
  );

  return {
    remotes: remotes.value,
    loading: remotes.loading,
    errorMessage: remotes.error ? describeRegistryError(remotes.error) : undefined,
    reload: remotes.retry,
    act,
  };
}
