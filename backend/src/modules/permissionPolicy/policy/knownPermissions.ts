import { Permission } from '@backstage/plugin-permission-common';
import { catalogPermissions, RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { REGISTRY_REMOTE_RESOURCE_TYPE, registryPermissions } from '@portico/plugin-registry-backend';

/**
 * Every permission of the plugins this backend runs. Superusers hold all of them (and nothing
 * else); grants name them or select them with scopes. A plugin added to the backend adds its
 * permission list here.
 */
export const KNOWN_PERMISSIONS: readonly Permission[] = [...catalogPermissions, ...registryPermissions];

/** Resource types whose conditions Portico's policy can express. */
export const CATALOG_ENTITY = RESOURCE_TYPE_CATALOG_ENTITY;
export const REGISTRY_REMOTE = REGISTRY_REMOTE_RESOURCE_TYPE;

/** Catalog kinds a scope may name (`system:read`), as the catalog spells them. */
export const CATALOG_KINDS: Record<string, string> = {
  api: 'API',
  component: 'Component',
  domain: 'Domain',
  group: 'Group',
  location: 'Location',
  resource: 'Resource',
  system: 'System',
  template: 'Template',
  user: 'User',
};

const byName = new Map(KNOWN_PERMISSIONS.map(permission => [permission.name, permission]));

/** `catalog.entity.read` → `catalog.entity`; scopes name these families. */
function familyOf(name: string): string {
  return name.slice(0, name.lastIndexOf('.'));
}
function verbOf(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}
const FAMILIES = [...new Set(KNOWN_PERMISSIONS.map(permission => familyOf(permission.name)))];

/** What one grant's `permission` entry selects. */
export interface PermissionSelection {
  permissions: Permission[];
  /** Set by a kind scope (`api:write`): the grant applies to entities of this kind only. */
  kind?: string;
}

export function resourceTypeOf(permission: Permission): string | undefined {
  return permission.type === 'resource' ? permission.resourceType : undefined;
}

function actionMatches(permission: Permission, action: string): boolean {
  const attribute = permission.attributes.action;
  if (action === '*') return true;
  if (action === 'write') return attribute === 'create' || attribute === 'update' || attribute === 'delete';
  return verbOf(permission.name) === action || attribute === action;
}

/**
 * Resolves a permission name (`catalog.entity.read`) or a scope (`<resource>:<action>`) to the
 * permissions it grants. A scope's resource is a permission family (`catalog-entity`,
 * `registry.remote`) or a catalog kind (`system`, `api`), which selects catalog-entity resource
 * permissions limited to that kind. Its action is `read`, `create`, `update`, `delete`, `write`
 * (create, update and delete), `*`, or a permission's own verb (`publish`, `refresh`).
 * Throws an Error whose message says what is wrong; the caller adds where.
 */
export function selectPermissions(spec: string): PermissionSelection {
  if (!spec.includes(':')) {
    const permission = byName.get(spec);
    if (!permission) {
      throw new Error(`unknown permission '${spec}'; known: ${[...byName.keys()].join(', ')}`);
    }
    return { permissions: [permission] };
  }
  const [resource, action, ...rest] = spec.split(':');
  if (!resource || !action || rest.length > 0) {
    throw new Error(`'${spec}' is not a scope; write <resource>:<action>, such as catalog-entity:read`);
  }
  const family = FAMILIES.find(candidate => candidate === resource || candidate === resource.replace('-', '.'));
  const kind = CATALOG_KINDS[resource.toLowerCase()];
  if (!family && !kind) {
    throw new Error(
      `unknown resource '${resource}' in scope '${spec}'; ` +
        `use one of ${FAMILIES.map(f => f.replace('.', '-')).join(', ')} or a catalog kind (${Object.keys(CATALOG_KINDS).join(', ')})`,
    );
  }
  const candidates = family
    ? KNOWN_PERMISSIONS.filter(permission => familyOf(permission.name) === family)
    : KNOWN_PERMISSIONS.filter(permission => resourceTypeOf(permission) === CATALOG_ENTITY);
  const permissions = candidates.filter(permission => actionMatches(permission, action));
  if (permissions.length === 0) {
    throw new Error(`scope '${spec}' grants no permission (no '${action}' action for ${resource})`);
  }
  return family ? { permissions } : { permissions, kind };
}
