import { LiveHistoryEntry } from '@portico/contract';
import { Actor } from '../actor';

/** What a change of the live pointer or canary did, for the history and the audit trail. */
export interface LiveChange {
  kind: LiveHistoryEntry['kind'];
  fromVersion: string | null;
  toVersion: string | null;
}

/** Moves a remote's live pointer and canary; every move enters the remote's history. */
export interface ReleaseService {
  /**
   * Makes `version` live, or with `percent` below 100 starts (or changes) a canary of it.
   * Refuses versions past their sunset, and routes that are reserved or overlap a route another remote
   * serves live or in a canary (ConflictError).
   */
  promote(options: { name: string; version: string; percent?: number; actor: Actor }): Promise<LiveChange>;
  /**
   * Cancels a canary, or moves back to the version live before the current one; refuses that
   * version when its route is now reserved or overlaps a route another remote serves (ConflictError).
   */
  rollback(options: { name: string; actor: Actor }): Promise<LiveChange>;
}
