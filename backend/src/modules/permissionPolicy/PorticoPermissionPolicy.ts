import { AuthorizeResult, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import { performance } from 'node:perf_hooks';
import { compilePolicy, CompiledPolicy } from './policy/compilePolicy';
import { DecisionCache } from './policy/DecisionCache';
import { decide } from './policy/decide';
import { DomainResolver, staticDomainResolver } from './policy/domainResolver';
import { CacheOutcome, PolicyMetrics } from './policy/policyMetrics';

/** A request the policy denied, for the audit trail. */
export interface PolicyDenial {
  permission: string;
  userEntityRef?: string;
  /** The denial came from the decision cache. */
  cached: boolean;
}

export interface PorticoPermissionPolicyOptions {
  /** Which systems each domain has, for `domain` conditions; none by default. */
  domains?: DomainResolver;
  metrics?: PolicyMetrics;
  /** Called for every DENY, cached or not. */
  onDenial?: (denial: PolicyDenial) => void;
  now?: () => number;
}

const RESULT_LABEL = {
  [AuthorizeResult.ALLOW]: 'allow',
  [AuthorizeResult.DENY]: 'deny',
  [AuthorizeResult.CONDITIONAL]: 'conditional',
} as const;

function cacheKey(request: PolicyQuery, user?: PolicyQueryUser): string {
  const claims = [...(user?.info.ownershipEntityRefs ?? [])].sort().join(',');
  return `${request.permission.name}\n${user?.info.userEntityRef ?? ''}\n${claims}`;
}

/**
 * Portico's permission policy, read from `portico.permissions` (see backend/README.md): roles
 * grant permissions or scopes to their members, optionally on conditions (ownership, kind,
 * namespace, domain, registry visibility), superusers hold every permission Portico's plugins
 * declare, and everything else is denied. Conditions come back as the owning plugin's
 * conditional decisions, so the catalog and the registry apply them to their own queries.
 *
 * Decisions are cached per user, memberships and permission for the configured TTL; `update`
 * swaps in a new policy and empties the cache. Service-to-service calls never reach a policy
 * (Backstage decides them from token access restrictions).
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  #policy: CompiledPolicy;
  #cache: DecisionCache;
  #generation = 1;
  readonly #domains: DomainResolver;
  readonly #options: PorticoPermissionPolicyOptions;

  constructor(policy: CompiledPolicy, options: PorticoPermissionPolicyOptions = {}) {
    this.#policy = policy;
    this.#options = options;
    this.#domains = options.domains ?? staticDomainResolver({});
    this.#cache = new DecisionCache(policy.cacheTtlMs, policy.cacheMaxEntries, options.now);
  }

  /** Compiles `portico.permissions` as written in config (throws on an invalid one). */
  static fromConfig(raw: unknown, options?: PorticoPermissionPolicyOptions): PorticoPermissionPolicy {
    return new PorticoPermissionPolicy(compilePolicy(raw), options);
  }

  /** The policy in force. */
  get current(): CompiledPolicy {
    return this.#policy;
  }

  /** Counts the policies applied, starting at 1. */
  get generation(): number {
    return this.#generation;
  }

  /** Applies a new policy from the next decision on; cached decisions are dropped. */
  update(policy: CompiledPolicy): void {
    this.#policy = policy;
    this.#generation += 1;
    this.#cache = new DecisionCache(policy.cacheTtlMs, policy.cacheMaxEntries, this.#options.now);
    this.#domains.clear?.();
  }

  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const started = performance.now();
    const cache = this.#cache;
    const key = cache.enabled ? cacheKey(request, user) : '';
    let decision = cache.enabled ? cache.get(key) : undefined;
    const outcome: CacheOutcome = !cache.enabled ? 'off' : decision ? 'hit' : 'miss';
    if (!decision) {
      decision = await decide(this.#policy, request.permission, user, this.#domains);
      // Into the cache of the policy this decision was made under: if the policy changed
      // meanwhile, that cache is already gone and the stale decision is never served.
      cache.set(key, decision);
    }
    this.#options.metrics?.decided(RESULT_LABEL[decision.result], outcome, performance.now() - started);
    if (decision.result === AuthorizeResult.DENY) {
      this.#options.onDenial?.({
        permission: request.permission.name,
        userEntityRef: user?.info.userEntityRef,
        cached: outcome === 'hit',
      });
    }
    return decision;
  }
}
