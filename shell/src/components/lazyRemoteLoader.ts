import type { RuntimeConfig } from '../config/runtimeConfig';
import type { RemoteLoader } from '../federation/types';

type RemoteLoaderChunk = typeof import('./remoteLoader');

/** The remote-loading chunk's code, and the shell's remote loader made from it. */
export interface RemoteLoading {
  chunk: RemoteLoaderChunk;
  loader: RemoteLoader;
}

/**
 * The shell's one remote loader, made when the remote-loading chunk (a chunk of its own) first
 * arrives: the federation runtime stays out of the first screen. Once there, kept for synchronous
 * use; a chunk that failed to load is asked for again on the next call.
 */
export interface LazyRemoteLoader {
  /** The chunk and the loader, once loaded. */
  readonly current: RemoteLoading | undefined;
  /** Loads the chunk (once) and makes the loader (once). */
  load(): Promise<RemoteLoading>;
}

/** Creates the shell's lazy remote loader for the runtime configuration's timeout and retries. */
export function createLazyRemoteLoader(config: RuntimeConfig): LazyRemoteLoader {
  let current: RemoteLoading | undefined;
  let loading: Promise<RemoteLoading> | undefined;
  return {
    get current() {
      return current;
    },
    load() {
      loading ??= import(/* webpackChunkName: "remote-loader" */ './remoteLoader').then(
        chunk => (current = { chunk, loader: chunk.createShellRemoteLoader(config) }),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
  };
}
