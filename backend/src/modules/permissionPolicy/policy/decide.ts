import { parseEntityRef } from '@backstage/catalog-model';
import { catalogConditions, createCatalogConditionalDecision } from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { createRegistryRemoteConditionalDecision, registryRemoteConditions } from '@portico/plugin-registry-backend';
import { isPartOfCondition } from '../../catalogPermissionRules';
import { CompiledGrant, CompiledPolicy, GrantConditions } from './compilePolicy';
import { DomainResolver } from './domainResolver';
import { CATALOG_ENTITY, KNOWN_PERMISSIONS, REGISTRY_REMOTE } from './knownPermissions';

export const ALLOW: PolicyDecision = Object.freeze({ result: AuthorizeResult.ALLOW });
export const DENY: PolicyDecision = Object.freeze({ result: AuthorizeResult.DENY });

type Criteria = PermissionCriteria<PermissionCondition<string>>;

const KNOWN_NAMES = new Set(KNOWN_PERMISSIONS.map(permission => permission.name));

function allOf(criteria: Criteria[]): Criteria {
  return criteria.length === 1 ? criteria[0] : ({ allOf: criteria } as Criteria);
}
function anyOf(criteria: Criteria[]): Criteria {
  return criteria.length === 1 ? criteria[0] : ({ anyOf: criteria } as Criteria);
}

async function domainCriteria(domainRef: string, domains: DomainResolver): Promise<Criteria> {
  const { namespace, name } = parseEntityRef(domainRef);
  const systems = await domains.systemsOf(domainRef);
  return anyOf([
    allOf([
      catalogConditions.isEntityKind({ kinds: ['Domain'] }),
      catalogConditions.hasMetadata({ key: 'namespace', value: namespace }),
      catalogConditions.hasMetadata({ key: 'name', value: name }),
    ]),
    isPartOfCondition({ refs: [domainRef, ...systems] }),
  ]);
}

async function catalogCriteria(
  conditions: GrantConditions,
  claims: string[],
  domains: DomainResolver,
): Promise<Criteria> {
  const parts: Criteria[] = [];
  if (conditions.owner) parts.push(catalogConditions.isEntityOwner({ claims }));
  if (conditions.kinds) parts.push(catalogConditions.isEntityKind({ kinds: conditions.kinds }));
  if (conditions.namespaces) {
    parts.push(anyOf(conditions.namespaces.map(value => catalogConditions.hasMetadata({ key: 'namespace', value }))));
  }
  if (conditions.domains) {
    parts.push(anyOf(await Promise.all(conditions.domains.map(domain => domainCriteria(domain, domains)))));
  }
  return allOf(parts);
}

function registryCriteria(conditions: GrantConditions, claims: string[]): Criteria {
  const parts: Criteria[] = [];
  if (conditions.owner) parts.push(registryRemoteConditions.isRemoteOwner({ claims }));
  if (conditions.visible) parts.push(registryRemoteConditions.isRemoteVisibleTo({ claims }));
  return allOf(parts);
}

function isMember(grant: CompiledGrant, identities: string[]): boolean {
  return grant.everyone || identities.some(identity => grant.members.has(identity));
}

/**
 * Decides one permission for one user under a compiled policy:
 * - no user (an unauthenticated request), or a permission no plugin of Portico declares: DENY;
 * - a superuser: ALLOW;
 * - a grant without conditions in one of the user's roles: ALLOW;
 * - grants with conditions only: CONDITIONAL, any one grant's conditions sufficing, in the
 *   form of the owning plugin's conditional decision (so the catalog filters in its query);
 * - nothing granted: DENY.
 */
export async function decide(
  policy: CompiledPolicy,
  permission: Permission,
  user: PolicyQueryUser | undefined,
  domains: DomainResolver,
): Promise<PolicyDecision> {
  const userEntityRef = user?.info.userEntityRef;
  if (!userEntityRef || !KNOWN_NAMES.has(permission.name)) return DENY;
  const claims = user.info.ownershipEntityRefs ?? [];
  const identities = [userEntityRef, ...claims].map(ref => ref.toLocaleLowerCase('en-US'));
  if (identities.some(identity => policy.superusers.has(identity))) return ALLOW;

  const grants = (policy.grants.get(permission.name) ?? []).filter(grant => isMember(grant, identities));
  if (grants.length === 0) return DENY;
  if (grants.some(grant => !grant.conditions)) return ALLOW;

  if (isResourcePermission(permission, CATALOG_ENTITY)) {
    const criteria = await Promise.all(grants.map(grant => catalogCriteria(grant.conditions!, claims, domains)));
    return createCatalogConditionalDecision(
      permission,
      anyOf(criteria) as PermissionCriteria<PermissionCondition<'catalog-entity'>>,
    );
  }
  if (isResourcePermission(permission, REGISTRY_REMOTE)) {
    const criteria = grants.map(grant => registryCriteria(grant.conditions!, claims));
    return createRegistryRemoteConditionalDecision(
      permission,
      anyOf(criteria) as PermissionCriteria<PermissionCondition<'registry-remote'>>,
    );
  }
  // Conditions on other permissions are refused when the policy is read; deny if one slips by.
  return DENY;
}
