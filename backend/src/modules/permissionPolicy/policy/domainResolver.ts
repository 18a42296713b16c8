import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { RELATION_PART_OF, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Tells which systems belong to a domain, so that a grant `when: { domain: commerce }` can
 * cover the components, APIs and resources of the domain's systems. The catalog filters on
 * one entity's own fields only, so the policy names the systems in the condition.
 */
export interface DomainResolver {
  /** Full refs (`system:default/payments`) of the systems that are part of `domainRef`. */
  systemsOf(domainRef: string): Promise<string[]>;
  /** Forgets what it knows (on a policy change). */
  clear?(): void;
}

/** A fixed answer, for tests and benchmarks. */
export function staticDomainResolver(systems: Record<string, string[]>): DomainResolver {
  return { systemsOf: async domainRef => systems[domainRef] ?? [] };
}

/** Remembers each domain's systems for `ttlMs()`; failures are not remembered. */
export function memoizeDomainResolver(
  resolver: DomainResolver,
  ttlMs: () => number,
  now = () => Date.now(),
): DomainResolver {
  const memo = new Map<string, { systems: Promise<string[]>; expiresAt: number }>();
  return {
    systemsOf(domainRef) {
      const hit = memo.get(domainRef);
      if (hit && hit.expiresAt > now()) return hit.systems;
      const systems = resolver.systemsOf(domainRef);
      memo.set(domainRef, { systems, expiresAt: now() + ttlMs() });
      systems.catch(() => {
        if (memo.get(domainRef)?.systems === systems) memo.delete(domainRef);
      });
      return systems;
    },
    clear() {
      memo.clear();
      resolver.clear?.();
    },
  };
}

/**
 * Asks the catalog, with the permission plugin's own service credentials. When the catalog
 * cannot answer, the decision fails (closed, and not cached) rather than guess.
 */
export function createCatalogDomainResolver(options: {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): DomainResolver {
  const { catalog, auth, logger } = options;
  return {
    async systemsOf(domainRef) {
      try {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: 'System', [`relations.${RELATION_PART_OF}`]: domainRef },
            fields: ['kind', 'metadata.name', 'metadata.namespace'],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return items.map(entity => stringifyEntityRef(entity).toLocaleLowerCase('en-US'));
      } catch (error) {
        logger.warn(`Could not list the systems of ${domainRef} for a domain grant: ${error}`);
        throw error;
      }
    },
  };
}
