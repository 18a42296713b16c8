/**
 * Everything a remote's route needs beyond the first screen: the federation runtime wrapper,
 * load errors and their cards, retries, load reports. One chunk, fetched on the first hover,
 * focus or visit of a remote's link (see lazyRemoteLoader.ts), so the first screen does not pay for it.
 */
import type { RuntimeConfig } from '../config/runtimeConfig';
import { createRemoteLoader } from '../federation/createRemoteLoader';
import type { RemoteLoader } from '../federation/types';

export { RemotePage, prefetchRemote } from './RemotePage';
export { UnusableRemotePage } from './UnusableRemotePage';

/** The shell's remote loader, with the runtime configuration's timeout and retries. */
export function createShellRemoteLoader(config: RuntimeConfig): RemoteLoader {
  return createRemoteLoader({
    timeoutMs: config.remoteLoadTimeoutMs,
    retry: { attempts: config.remoteLoadAttempts, baseDelayMs: config.remoteRetryBaseDelayMs },
  });
}
