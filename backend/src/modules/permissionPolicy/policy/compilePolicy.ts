import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader, readDurationFromConfig } from '@backstage/config';
import { Permission } from '@backstage/plugin-permission-common';
import { durationToMilliseconds, JsonValue } from '@backstage/types';
import { createHash } from 'node:crypto';
import { CATALOG_ENTITY, CATALOG_KINDS, REGISTRY_REMOTE, resourceTypeOf, selectPermissions } from './knownPermissions';
import {
  ConditionsInput,
  DEFAULT_CACHE_MAX_ENTRIES,
  DEFAULT_CACHE_TTL_MS,
  GrantInput,
  policyConfigSchema,
  PolicyConfigInput,
} from './policyConfig';

export type ConfigPath = Array<string | number>;

/** One thing wrong with the policy configuration, at a path below `portico.permissions`. */
export interface PolicyConfigIssue {
  path: ConfigPath;
  message: string;
  value?: unknown;
}

/** The conditions of one grant, resolved. Every condition set must hold (they are ANDed). */
export interface GrantConditions {
  owner?: true;
  visible?: true;
  /** Catalog kinds as the catalog spells them (`Component`). */
  kinds?: string[];
  namespaces?: string[];
  /** Full domain refs (`domain:default/commerce`). */
  domains?: string[];
}

/** A role's grant of one permission. */
export interface CompiledGrant {
  role: string;
  everyone: boolean;
  /** Lower-case user and group refs. */
  members: ReadonlySet<string>;
  conditions?: GrantConditions;
}

/** The policy, ready to evaluate: grants indexed by permission name. */
export interface CompiledPolicy {
  superusers: ReadonlySet<string>;
  grants: ReadonlyMap<string, readonly CompiledGrant[]>;
  cacheTtlMs: number;
  cacheMaxEntries: number;
  /** A hash of the configuration, to tell whether a reload changed anything. */
  fingerprint: string;
  summary: { roles: number; grants: number; superusers: number };
}

/** The policy configuration is invalid; `issues` say where and why. */
export class PolicyConfigError extends Error {
  constructor(
    readonly issues: PolicyConfigIssue[],
    message: string,
  ) {
    super(message);
    this.name = 'PolicyConfigError';
  }
}

function asList(value: string | string[] | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value : [value];
}

/** `group:payments-team` → `group:default/payments-team`, lower case, as claims compare. */
export function normalizeRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref, { defaultNamespace: 'default' })).toLocaleLowerCase('en-US');
}

function readTtlMs(value: JsonValue): number {
  return durationToMilliseconds(readDurationFromConfig(new ConfigReader({ ttl: value }), { key: 'ttl' }));
}

class Compiler {
  readonly issues: PolicyConfigIssue[] = [];

  issue(path: ConfigPath, message: string, value?: unknown) {
    this.issues.push({ path, message, value });
  }

  /** Resolves `when`, checking each condition applies to every permission the grant selects. */
  conditions(
    when: ConditionsInput,
    permissions: Permission[],
    scopeKind: string | undefined,
    path: ConfigPath,
  ): GrantConditions | undefined {
    const resolved: GrantConditions = {};
    if (!scopeKind && Object.keys(when).length === 0) {
      this.issue([...path, 'when'], 'name at least one condition, or leave out `when`', when);
      return undefined;
    }
    const basic = permissions.find(permission => permission.type === 'basic');
    if (basic) {
      this.issue(
        [...path, 'when'],
        `conditions apply only to resource permissions, and ${basic.name} is a basic permission`,
        when,
      );
      return undefined;
    }
    const only = (key: keyof ConditionsInput, type: string, label: string) => {
      if (when[key] === undefined) return true;
      const other = permissions.find(permission => resourceTypeOf(permission) !== type);
      if (other) {
        this.issue([...path, 'when', key], `${key} applies to ${label} only, and ${other.name} is not one`, when[key]);
        return false;
      }
      return true;
    };
    if (when.owner) resolved.owner = true;
    if (when.visible && only('visible', REGISTRY_REMOTE, 'registry remotes')) resolved.visible = true;
    if (when.kind !== undefined && only('kind', CATALOG_ENTITY, 'catalog entities')) {
      if (scopeKind) {
        this.issue([...path, 'when', 'kind'], `the scope already limits this grant to kind ${scopeKind}`, when.kind);
      } else {
        const kinds = asList(when.kind)!.map((kind, index) => {
          const known = CATALOG_KINDS[kind.toLowerCase()];
          if (!known) {
            this.issue(
              [...path, 'when', 'kind', ...(Array.isArray(when.kind) ? [index] : [])],
              `unknown kind '${kind}'; known: ${Object.values(CATALOG_KINDS).join(', ')}`,
              kind,
            );
          }
          return known ?? kind;
        });
        resolved.kinds = kinds;
      }
    }
    if (scopeKind) resolved.kinds = [scopeKind];
    if (when.namespace !== undefined && only('namespace', CATALOG_ENTITY, 'catalog entities')) {
      resolved.namespaces = asList(when.namespace)!.map(namespace => namespace.toLocaleLowerCase('en-US'));
    }
    if (when.domain !== undefined && only('domain', CATALOG_ENTITY, 'catalog entities')) {
      resolved.domains = asList(when.domain)!.flatMap((domain, index) => {
        try {
          const ref = parseEntityRef(domain, { defaultKind: 'domain', defaultNamespace: 'default' });
          if (ref.kind.toLowerCase() !== 'domain') throw new Error(`'${domain}' is a ${ref.kind}, not a domain`);
          return [stringifyEntityRef(ref).toLocaleLowerCase('en-US')];
        } catch (error) {
          this.issue(
            [...path, 'when', 'domain', ...(Array.isArray(when.domain) ? [index] : [])],
            (error as Error).message,
            domain,
          );
          return [];
        }
      });
    }
    return resolved;
  }

  grant(grant: GrantInput, path: ConfigPath): Array<{ permission: Permission; conditions?: GrantConditions }> {
    const specs = typeof grant === 'string' ? [grant] : asList(grant.permission)!;
    const specPath = (index: number): ConfigPath =>
      typeof grant === 'string'
        ? path
        : Array.isArray(grant.permission)
          ? [...path, 'permission', index]
          : [...path, 'permission'];
    const out: Array<{ permission: Permission; conditions?: GrantConditions }> = [];
    specs.forEach((spec, index) => {
      let selection;
      try {
        selection = selectPermissions(spec);
      } catch (error) {
        this.issue(specPath(index), (error as Error).message, spec);
        return;
      }
      const when = typeof grant === 'string' ? undefined : grant.when;
      if (!when && !selection.kind) {
        for (const permission of selection.permissions) out.push({ permission });
        return;
      }
      const conditions = this.conditions(when ?? {}, selection.permissions, selection.kind, path);
      if (!conditions) return;
      for (const permission of selection.permissions) out.push({ permission, conditions });
    });
    return out;
  }
}

/**
 * Validates `portico.permissions` (its shape with zod, then every permission name, scope and
 * condition) and indexes the grants by permission. Throws a PolicyConfigError listing every
 * issue; `describe` turns an issue's path into the message's location.
 */
export function compilePolicy(
  raw: unknown,
  describe: (issue: PolicyConfigIssue) => string = issue => `${formatPath(issue.path)}: ${issue.message}`,
): CompiledPolicy {
  const parsed = policyConfigSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map(issue => {
      const path = [...issue.path];
      if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]);
      return { path, message: issue.message, value: valueAt(raw, path) };
    });
    throw new PolicyConfigError(issues, issues.map(describe).join('\n'));
  }
  const input: PolicyConfigInput = parsed.data;
  const compiler = new Compiler();

  let cacheTtlMs = DEFAULT_CACHE_TTL_MS;
  if (input.cache?.ttl !== undefined) {
    try {
      cacheTtlMs = readTtlMs(input.cache.ttl);
    } catch (error) {
      compiler.issue(['cache', 'ttl'], `not a duration (${(error as Error).message})`, input.cache.ttl);
    }
  }

  const grants = new Map<string, CompiledGrant[]>();
  const roleNames = new Set<string>();
  let grantCount = 0;
  input.roles.forEach((role, roleIndex) => {
    if (roleNames.has(role.name)) {
      compiler.issue(['roles', roleIndex, 'name'], `another role is already named '${role.name}'`, role.name);
    }
    roleNames.add(role.name);
    const everyone = role.members.includes('*');
    const members = new Set(role.members.filter(member => member !== '*').map(normalizeRef));
    role.grants.forEach((grant, grantIndex) => {
      for (const { permission, conditions } of compiler.grant(grant, ['roles', roleIndex, 'grants', grantIndex])) {
        const list = grants.get(permission.name) ?? [];
        list.push({ role: role.name, everyone, members, ...(conditions ? { conditions } : {}) });
        grants.set(permission.name, list);
        grantCount += 1;
      }
    });
  });

  if (compiler.issues.length > 0) {
    throw new PolicyConfigError(compiler.issues, compiler.issues.map(describe).join('\n'));
  }
  return {
    superusers: new Set(input.superusers.map(normalizeRef)),
    grants,
    cacheTtlMs,
    cacheMaxEntries: input.cache?.maxEntries ?? DEFAULT_CACHE_MAX_ENTRIES,
    fingerprint: fingerprintOf(raw),
    summary: { roles: input.roles.length, grants: grantCount, superusers: input.superusers.length },
  };
}

/** A short hash of the policy as configured, to tell whether a reload changed it. */
export function fingerprintOf(raw: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(raw ?? {}))
    .digest('hex')
    .slice(0, 12);
}

/** `['roles', 1, 'grants']` → `roles[1].grants`. */
export function formatPath(path: ConfigPath, prefix = ''): string {
  return path.reduce<string>(
    (text, segment) => (typeof segment === 'number' ? `${text}[${segment}]` : text ? `${text}.${segment}` : segment),
    prefix,
  );
}

function valueAt(root: unknown, path: ConfigPath): unknown {
  let value: unknown = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}
