/**
 * Everything a remote's route needs beyond the first screen: the federation runtime wrapper,
 * load errors and their cards, retries, load reports. One chunk, fetched on the first hover,
 * focus or visit of a remote's link (see RemoteRoute.tsx), so the first screen does not pay for it.
 */
export { RemotePage, prefetchRemote } from './RemotePage';
export { UnusableRemotePage } from './UnusableRemotePage';
