export { createBeaconLimiter, DEFAULT_BEACONS_PER_MINUTE, DEFAULT_MAX_TRACKED_USERS } from './createBeaconLimiter';
export type { BeaconLimiter } from './createBeaconLimiter';
