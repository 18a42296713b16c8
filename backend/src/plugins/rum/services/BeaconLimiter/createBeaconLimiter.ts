import { LRUCache } from 'lru-cache';
import { TooManyRequestsError } from '../../errors';

/** Beacons one user may send in a minute: a shell sends one per remote load, rarely more than a few. */
export const DEFAULT_BEACONS_PER_MINUTE = 60;
/** Users whose current minute is remembered; the least recently seen are forgotten beyond it. */
export const DEFAULT_MAX_TRACKED_USERS = 10_000;
const WINDOW_MS = 60_000;

/** Counts beacons per user in fixed one-minute windows. */
export interface BeaconLimiter {
  /** Counts one beacon of `user`; throws TooManyRequestsError (429) over the limit. */
  take(user: string): void;
}

export function createBeaconLimiter(
  options: { perMinute?: number; maxUsers?: number; now?: () => number } = {},
): BeaconLimiter {
  const perMinute = options.perMinute ?? DEFAULT_BEACONS_PER_MINUTE;
  const now = options.now ?? Date.now;
  // Bounded: a flood of distinct users costs at most maxUsers small entries. A forgotten user
  // starts a fresh window, which only a holder of that many valid user tokens could exploit.
  const windows = new LRUCache<string, { start: number; count: number }>({
    max: options.maxUsers ?? DEFAULT_MAX_TRACKED_USERS,
  });
  return {
    take(user) {
      const at = now();
      const current = windows.get(user);
      if (!current || at - current.start >= WINDOW_MS) {
        windows.set(user, { start: at, count: 1 });
        return;
      }
      if (current.count >= perMinute) {
        throw new TooManyRequestsError(`token: at most ${perMinute} beacons a minute per user`);
      }
      current.count++;
    },
  };
}
