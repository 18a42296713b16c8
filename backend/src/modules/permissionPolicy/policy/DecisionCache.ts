import { PolicyDecision } from '@backstage/plugin-permission-common';
import { LRUCache } from 'lru-cache';

/**
 * Decisions by key for a fixed time, in this process only (each replica keeps its own, and a
 * policy change clears it). Beyond `maxEntries` the least recently used entries go first.
 */
export class DecisionCache {
  readonly #entries: LRUCache<string, PolicyDecision>;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
    now: () => number = () => Date.now(),
  ) {
    this.#entries = new LRUCache<string, PolicyDecision>({
      max: maxEntries,
      ttl: this.enabled ? ttlMs : undefined,
      // Read the clock on every lookup: the default caches it for 1 ms with a timer, which an
      // injected clock (tests) would not see move.
      ttlResolution: 0,
      perf: { now },
    });
  }

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): PolicyDecision | undefined {
    return this.#entries.get(key);
  }

  set(key: string, decision: PolicyDecision): void {
    if (!this.enabled) return;
    this.#entries.set(key, decision);
  }

  clear(): void {
    this.#entries.clear();
  }
}
