import { createHash } from 'node:crypto';

/**
 * A user's bucket (0-99) for one remote: a hash of both, so the assignment is sticky per user
 * and independent between remotes (the same 10% of users are not the canary for everything).
 */
export function canaryBucket(userRef: string, remoteName: string): number {
  const digest = createHash('sha256').update(`${userRef}\0${remoteName}`).digest();
  return digest.readUInt32BE(0) % 100;
}

/** True when the user falls inside a canary of `percent`% for the remote. */
export function isInCanary(userRef: string, remoteName: string, percent: number): boolean {
  return canaryBucket(userRef, remoteName) < percent;
}
