import type { ModuleFederation, createInstance } from '@module-federation/enhanced/runtime';
import type { ManifestRemote } from '@portico/contract';
import type { RetryPolicy } from './retry';

/** What a load needs to know about a remote: a manifest entry. */
export type LoadableRemote = Pick<ManifestRemote, 'name' | 'entry' | 'integrity'>;

/** The options Module Federation's `createInstance` takes. */
export type FederationOptions = Parameters<typeof createInstance>[0];

/** The part of a Module Federation instance the loader uses. */
export type FederationInstance = Pick<ModuleFederation, 'registerRemotes' | 'loadRemote'>;

/** How a remote loader is set up; every option has a default. */
export interface RemoteLoaderOptions {
  /** The shell's own federation container name. Default: `portico_shell` (SHELL_CONTAINER_NAME). */
  name?: string;
  /**
   * A load (entry, chunks, evaluation) that takes longer fails with PORTICO_REMOTE_TIMEOUT.
   * Default: 15 000 ms.
   */
  timeoutMs?: number;
  /**
   * How transient failures are retried; what is given replaces the default's fields.
   * Default: 3 attempts, 300 ms before the first retry, never more than 3 000 ms between two.
   */
  retry?: Partial<RetryPolicy>;
  /** Fetching an entry again to diagnose a failure never waits longer than this. Default: 5 000 ms. */
  probeTimeoutMs?: number;
  /** The shared modules the shell provides to remotes. Default: `shellSharedModules()` (sharedModules.ts). */
  shared?: FederationOptions['shared'];
  /** Makes the Module Federation instance. Default: `createInstance` of `@module-federation/enhanced/runtime`. */
  createFederation?: (options: FederationOptions) => FederationInstance;
  /** Fetches an entry again to diagnose a failure (the probe). Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Loads remotes through a Module Federation instance of its own: registers the manifest's
 * remotes, verifies their entry scripts, loads their `./plugin` module with a timeout and
 * retries, and says precisely why a load failed. Two loaders share no state.
 */
export interface RemoteLoader {
  /**
   * Registers remotes by their `remoteEntry.js` URL. A name already registered keeps its entry
   * once a load of it has started; before that, a new entry URL (a freshly signed one from a
   * later manifest) replaces the old one, which may have expired.
   */
  register(remotes: readonly LoadableRemote[]): void;
  /**
   * Loads a registered remote's `./plugin` module and resolves with its default export, or
   * rejects with a RemoteError. Concurrent calls share one load; a success is kept until `forget`.
   */
  load(remote: LoadableRemote): Promise<unknown>;
  /** Starts loading a registered remote ahead of a visit; failures stay quiet. */
  prefetch(remote: LoadableRemote): void;
  /** The default export of a remote already loaded, for a synchronous revisit. */
  loaded(remote: Pick<LoadableRemote, 'name'>): unknown;
  /** Drops a remote's loaded module and runtime state, so that the next load starts from scratch. */
  forget(remote: LoadableRemote): void;
  /** Stops listening for Content-Security-Policy violations and drops every remote. */
  dispose(): void;
}
