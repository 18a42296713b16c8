import { PolicyDecision } from '@backstage/plugin-permission-common';

/**
 * Decisions by key for a fixed time, in this process only (each replica keeps its own, and a
 * policy change clears it). Beyond `maxEntries` the oldest entries go first.
 */
export class DecisionCache {
  readonly #entries = new Map<string, { decision: PolicyDecision; expiresAt: number }>();

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get enabled(): boolean {
    return this.ttlMs > 0;
  }

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): PolicyDecision | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.decision;
  }

  set(key: string, decision: PolicyDecision): void {
    if (!this.enabled) return;
    this.#entries.delete(key);
    this.#entries.set(key, { decision, expiresAt: this.now() + this.ttlMs });
    while (this.#entries.size > this.maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
  }

  clear(): void {
    this.#entries.clear();
  }
}
