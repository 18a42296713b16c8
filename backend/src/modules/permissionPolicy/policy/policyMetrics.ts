import { Counter, Histogram, Registry } from 'prom-client';

/** How a decision was reached: from the cache, computed with the cache on, or with it off. */
export type CacheOutcome = 'hit' | 'miss' | 'off';

/** What the policy reports about itself. */
export interface PolicyMetrics {
  decided(result: 'allow' | 'deny' | 'conditional', cache: CacheOutcome, durationMs: number): void;
  reloaded(outcome: 'applied' | 'refused'): void;
}

/** Milliseconds: a cached decision takes microseconds, one that asks the catalog a few ms. */
const EVAL_BUCKETS_MS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250];

/**
 * The `permission_policy_eval_ms` histogram (by cache outcome), decisions by result and
 * policy reloads by outcome, registered in `registry` (Portico's metrics service, served at
 * `/metrics`).
 */
export function createPolicyMetrics(registry: Registry): PolicyMetrics {
  const evaluation = new Histogram({
    name: 'permission_policy_eval_ms',
    help: 'Time the permission policy took to decide, in milliseconds, by cache outcome (hit, miss, off)',
    labelNames: ['cache'],
    buckets: EVAL_BUCKETS_MS,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'permission_policy_decisions_total',
    help: 'Permission policy decisions, by result (allow, deny, conditional)',
    labelNames: ['result'],
    registers: [registry],
  });
  const reloads = new Counter({
    name: 'permission_policy_reloads_total',
    help: 'Changes to portico.permissions seen while running, by outcome (applied, refused)',
    labelNames: ['outcome'],
    registers: [registry],
  });
  return {
    decided(result, cache, durationMs) {
      evaluation.observe({ cache }, durationMs);
      decisions.inc({ result });
    },
    reloaded(outcome) {
      reloads.inc({ outcome });
    },
  };
}
