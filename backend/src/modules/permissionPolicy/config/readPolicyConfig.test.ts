import { ConfigReader } from '@backstage/config';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { CompiledPolicy, PolicyConfigError } from '../policy/compilePolicy';
import { createConfigLocator } from './locateConfigKey';
import { readPolicyConfig } from './readPolicyConfig';

const dir = mkdtempSync(join(tmpdir(), 'portico-policy-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Reads a policy from YAML written to a file, as the backend would, with line lookup. */
function read(yaml: string, name = 'app-config.yaml'): CompiledPolicy {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return readPolicyConfig(new ConfigReader(parse(yaml)), createConfigLocator([file]));
}

function errorOf(yaml: string): PolicyConfigError {
  try {
    read(yaml);
  } catch (error) {
    if (error instanceof PolicyConfigError) return error;
    throw error;
  }
  throw new Error('expected the policy to be refused');
}

const grantsOf = (policy: CompiledPolicy, permission: string) =>
  (policy.grants.get(permission) ?? []).map(grant => grant.conditions ?? 'unconditional');

const withGrants = (...grants: string[]) => `
portico:
  permissions:
    roles:
      - name: team
        members: [group:default/payments-team]
        grants:
${grants.map(grant => `          - ${grant}`).join('\n')}
`;

describe('scopes and permission names', () => {
  it('reads a kind scope as catalog-entity permissions limited to that kind', () => {
    const policy = read(withGrants('system:read'));
    expect([...policy.grants.keys()]).toEqual(['catalog.entity.read']);
    expect(grantsOf(policy, 'catalog.entity.read')).toEqual([{ kinds: ['System'] }]);
  });

  it('reads write as create, update and delete: for a kind, the entity permissions that take a resource', () => {
    const policy = read(withGrants('api:write'));
    expect([...policy.grants.keys()].sort()).toEqual(['catalog.entity.delete', 'catalog.entity.refresh']);
    expect(grantsOf(policy, 'catalog.entity.delete')).toEqual([{ kinds: ['API'] }]);
  });

  it('reads family scopes, verbs and plain names', () => {
    const policy = read(
      withGrants('catalog-entity:read', 'registry.remote:publish', 'catalog-location:*', 'registry.audit.read'),
    );
    expect([...policy.grants.keys()].sort()).toEqual([
      'catalog.entity.read',
      'catalog.location.analyze',
      'catalog.location.create',
      'catalog.location.delete',
      'catalog.location.read',
      'registry.audit.read',
      'registry.remote.publish',
    ]);
    expect(grantsOf(policy, 'catalog.entity.read')).toEqual(['unconditional']);
  });

  it('resolves conditions: ownership, namespaces, domains as refs, and kinds as the catalog spells them', () => {
    const policy = read(
      withGrants(
        '{ permission: catalog-entity:read, when: { owner: true, kind: [component, api], namespace: Default, domain: commerce } }',
      ),
    );
    expect(grantsOf(policy, 'catalog.entity.read')).toEqual([
      { owner: true, kinds: ['Component', 'API'], namespaces: ['default'], domains: ['domain:default/commerce'] },
    ]);
  });

  it('defaults to a 10 s cache and reads the TTL as a duration', () => {
    expect(read(withGrants('catalog-entity:read')).cacheTtlMs).toBe(10_000);
    const policy = read(`
portico:
  permissions:
    cache: { ttl: { minutes: 2 }, maxEntries: 50 }
`);
    expect([policy.cacheTtlMs, policy.cacheMaxEntries]).toEqual([120_000, 50]);
    expect(read('portico: { permissions: { cache: { ttl: { seconds: 0 } } } }').cacheTtlMs).toBe(0);
  });

  it('denies everything when there is no policy at all', () => {
    const policy = read('app: { title: Portico }');
    expect(policy.grants.size).toBe(0);
    expect(policy.superusers.size).toBe(0);
  });
});

describe('invalid policies are refused with the key, file, line and value', () => {
  it('names an unknown permission with its line', () => {
    const error = errorOf(withGrants('catalog-entity:read', 'catalog.entity.raed'));
    expect(error.message).toMatch(
      /^Invalid config at portico\.permissions\.roles\[0\]\.grants\[1\] \(app-config\.yaml line 9\): unknown permission 'catalog\.entity\.raed'; known: catalog\.entity\.read, .*; got "catalog\.entity\.raed"$/,
    );
    expect(error.issues).toEqual([
      { path: ['roles', 0, 'grants', 1], message: expect.any(String), value: 'catalog.entity.raed' },
    ]);
  });

  it('reports every issue at once, each on its own line', () => {
    const error = errorOf(`
portico:
  permissions:
    roles:
      - name: team
        members: [group:default/payments-team]
        grants:
          - permission: registry.audit.read
            when: { owner: true }
          - permission: catalog-entity:read
            when: { visible: true }
          - permission: [registry.remote.read, catalog.entity.read]
            when: { kind: Component }
          - permission: system:read
            when: { kind: API }
          - permission: catalog-entity:read
            when: { kind: Compnent, domain: [commerce, 'system:default/payments'] }
          - nothing:here
`);
    expect(error.message.split('\n')).toEqual([
      'Invalid config at portico.permissions.roles[0].grants[0].when (app-config.yaml line 9): ' +
        'conditions apply only to resource permissions, and registry.audit.read is a basic permission; got {"owner":true}',
      'Invalid config at portico.permissions.roles[0].grants[1].when.visible (app-config.yaml line 11): ' +
        'visible applies to registry remotes only, and catalog.entity.read is not one; got true',
      'Invalid config at portico.permissions.roles[0].grants[2].when.kind (app-config.yaml line 13): ' +
        'kind applies to catalog entities only, and registry.remote.read is not one; got "Component"',
      'Invalid config at portico.permissions.roles[0].grants[3].when.kind (app-config.yaml line 15): ' +
        'the scope already limits this grant to kind System; got "API"',
      'Invalid config at portico.permissions.roles[0].grants[4].when.kind (app-config.yaml line 17): ' +
        'unknown kind \'Compnent\'; known: API, Component, Domain, Group, Location, Resource, System, Template, User; got "Compnent"',
      'Invalid config at portico.permissions.roles[0].grants[4].when.domain[1] (app-config.yaml line 17): ' +
        '\'system:default/payments\' is a system, not a domain; got "system:default/payments"',
      'Invalid config at portico.permissions.roles[0].grants[5] (app-config.yaml line 18): ' +
        "unknown resource 'nothing' in scope 'nothing:here'; " +
        'use one of catalog-entity, catalog-location, catalog-ingestion, registry-remote, registry-audit, registry-shell-contract ' +
        'or a catalog kind (api, component, domain, group, location, resource, system, template, user); got "nothing:here"',
    ]);
  });

  it('names an unexpected key and a malformed member where they are written', () => {
    const error = errorOf(`
portico:
  permissions:
    superusers: [platform-engineers]
    roles:
      - name: team
        members: [group:default/payments-team]
        grants:
          - permission: catalog-entity:read
            when:
              colour: blue
`);
    expect(error.message.split('\n')).toEqual([
      'Invalid config at portico.permissions.superusers[0] (app-config.yaml line 4): ' +
        'expected a user or group entity ref, such as group:default/payments-team; got "platform-engineers"',
      'Invalid config at portico.permissions.roles[0].grants[0].when.colour (app-config.yaml line 11): ' +
        'Unrecognized key(s) in object: \'colour\'; got "blue"',
    ]);
  });

  it('places a missing key at its parent, and a repeated role name at the second one', () => {
    expect(
      errorOf(`
portico:
  permissions:
    roles:
      - name: team
        grants: [catalog-entity:read]
`).message,
    ).toBe('Invalid config at portico.permissions.roles[0].members (app-config.yaml line 5): Required');
    expect(
      errorOf(`
portico:
  permissions:
    roles:
      - { name: team, members: ['*'], grants: [catalog-entity:read] }
      - { name: team, members: ['*'], grants: [registry.remote:read] }
`).message,
    ).toBe(
      'Invalid config at portico.permissions.roles[1].name (app-config.yaml line 6): another role is already named \'team\'; got "team"',
    );
  });

  it('refuses an empty condition list', () => {
    expect(errorOf(withGrants('{ permission: catalog-entity:read, when: {} }')).message).toBe(
      'Invalid config at portico.permissions.roles[0].grants[0].when (app-config.yaml line 8): ' +
        'name at least one condition, or leave out `when`; got {}',
    );
  });

  it('refuses a TTL that is not a duration', () => {
    expect(errorOf('portico: { permissions: { cache: { ttl: soon } } }').message).toMatch(
      /^Invalid config at portico\.permissions\.cache\.ttl \(app-config\.yaml line 1\): not a duration .*; got "soon"$/,
    );
  });

  it('finds the line in the file that writes the key when several config files are read', () => {
    const files = {
      'base.yaml': withGrants('catalog-entity:read', 'registry.remote.raed'),
      'local.yaml': 'portico:\n  permissions:\n    cache: { ttl: { seconds: 1 } }\n',
    };
    for (const [name, yaml] of Object.entries(files)) writeFileSync(join(dir, name), yaml);
    const merged = ConfigReader.fromConfigs(
      Object.entries(files).map(([context, yaml]) => ({ context, data: parse(yaml) })),
    );
    const [base, local] = Object.keys(files).map(name => join(dir, name));
    expect(() => readPolicyConfig(merged, createConfigLocator([base, local]))).toThrow(
      /^Invalid config at portico\.permissions\.roles\[0\]\.grants\[1\] \(base\.yaml line 9\): unknown permission 'registry\.remote\.raed'/,
    );
  });
});
