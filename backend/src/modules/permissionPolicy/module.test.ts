import {
  AuditorService,
  AuditorServiceCreateEventOptions,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigSources } from '@backstage/config-loader';
import { JsonObject } from '@backstage/types';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { metricsPlugin } from '../../plugins/metrics';
import { createPorticoPermissionPolicyModule } from './module';

interface AuditRecord {
  eventId: string;
  status: 'succeeded' | 'failed';
  meta: JsonObject;
  error?: string;
}

/** An auditor that keeps what it is told, in order. */
function capturingAuditor(records: AuditRecord[]) {
  const auditor: AuditorService = {
    async createEvent(options: AuditorServiceCreateEventOptions) {
      return {
        success: async params =>
          void records.push({
            eventId: options.eventId,
            status: 'succeeded',
            meta: { ...options.meta, ...params?.meta },
          }),
        fail: async params =>
          void records.push({
            eventId: options.eventId,
            status: 'failed',
            meta: { ...options.meta, ...params.meta },
            error: params.error.message,
          }),
      };
    },
  };
  return createServiceFactory({ service: coreServices.auditor, deps: {}, factory: () => auditor });
}

const policyYaml = (auditors: string[], grant = 'registry.audit.read') => `
permission:
  enabled: true
portico:
  permissions:
    cache:
      ttl: { minutes: 5 }
    roles:
      - name: auditors
        members: [${auditors.join(', ')}]
        grants:
          - ${grant}
`;

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

/**
 * The module inside Backstage's real permission backend, reading a real config file that the
 * test edits while the backend runs (Backstage watches config files).
 */
// At the top level, so that backends stop before the databases close.
const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });

describe('the Portico policy module', () => {
  let dir: string;
  let closeConfig: (() => void) | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'portico-policy-module-'));
  });
  afterEach(async () => {
    closeConfig?.();
    await rm(dir, { recursive: true, force: true });
  });

  async function start(yaml: string, records: AuditRecord[] = []) {
    const file = join(dir, 'app-config.yaml');
    await writeFile(file, yaml);
    const config = await ConfigSources.toConfig(
      ConfigSources.defaultForTargets({ targets: [{ type: 'path', target: file }], watch: true }),
    );
    closeConfig = () => config.close();
    const { server } = await startTestBackend({
      features: [
        import('@backstage/plugin-permission-backend'),
        createPorticoPermissionPolicyModule({ configFiles: [file] }),
        metricsPlugin,
        capturingAuditor(records),
        createServiceFactory({ service: coreServices.rootConfig, deps: {}, factory: () => config }),
        mockServices.database.factory({ knex: await databases.init('SQLITE_3') }),
      ],
    });
    return { server, file };
  }

  const authorize = async (server: Server, user: string) => {
    const response = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.user.header(user))
      .send({
        items: [
          { id: '1', permission: { type: 'basic', name: 'registry.audit.read', attributes: { action: 'read' } } },
        ],
      });
    expect(response.status).toBe(200);
    return response.body.items[0].result as string;
  };

  it('applies a changed policy while running, refuses an invalid one and keeps the last good one', async () => {
    const records: AuditRecord[] = [];
    const { server, file } = await start(policyYaml(['user:default/linus']), records);
    expect(await authorize(server, 'user:default/linus')).toBe('ALLOW');
    expect(await authorize(server, 'user:default/sven')).toBe('DENY');

    // Decisions are cached for 5 minutes, yet the change applies at once: the cache is emptied.
    await writeFile(file, policyYaml(['user:default/sven']));
    await until(
      () => authorize(server, 'user:default/linus'),
      result => result === 'DENY',
      'the changed policy',
    );
    expect(await authorize(server, 'user:default/sven')).toBe('ALLOW');

    await writeFile(file, policyYaml(['user:default/linus'], 'registry.audit.raed'));
    const refusal = await until(
      async () => records.find(record => record.eventId === 'policy-change' && record.status === 'failed'),
      Boolean,
      'the refusal to be audited',
    );
    expect(refusal!.error).toMatch(
      /^Invalid config at portico\.permissions\.roles\[0\]\.grants\[0\] \(app-config\.yaml line 12\): unknown permission 'registry\.audit\.raed'/,
    );
    expect(await authorize(server, 'user:default/sven')).toBe('ALLOW');
    expect(await authorize(server, 'user:default/linus')).toBe('DENY');

    expect(
      records.filter(record => record.eventId === 'policy-change').map(record => [record.status, record.meta.reason]),
    ).toEqual([
      ['succeeded', 'start'],
      ['succeeded', 'change'],
      ['failed', 'change'],
    ]);
    const metrics = (await request(server).get('/metrics').set('Authorization', mockCredentials.service.header())).text;
    expect(metrics).toContain('permission_policy_reloads_total{outcome="applied"} 1');
    expect(metrics).toContain('permission_policy_reloads_total{outcome="refused"} 1');
    expect(metrics).toMatch(/permission_policy_eval_ms_count\{cache="miss"\} \d+/);
    expect(metrics).toMatch(/permission_policy_decisions_total\{result="deny"\} \d+/);
  });

  it('reports a config file that no longer parses, with its line, and keeps the policy in force', async () => {
    const records: AuditRecord[] = [];
    const { server, file } = await start(policyYaml(['user:default/linus']), records);
    await writeFile(file, policyYaml(['user:default/linus', '[oops']));
    const refusal = await until(
      async () => records.find(record => record.eventId === 'policy-change' && record.status === 'failed'),
      Boolean,
      'the syntax error to be reported',
    );
    expect(refusal!.error).toMatch(
      /^Config file app-config\.yaml does not parse at line 11: Flow sequence in block collection must be sufficiently indented and end with a \]\. .*fix the file and restart the backend/,
    );
    expect(await authorize(server, 'user:default/linus')).toBe('ALLOW');
  });

  it('audits each denial with the user and permission', async () => {
    const records: AuditRecord[] = [];
    const { server } = await start(policyYaml(['user:default/linus']), records);
    expect(await authorize(server, 'user:default/sven')).toBe('DENY');
    const denial = await until(
      async () => records.find(record => record.eventId === 'permission-denial'),
      Boolean,
      'the denial',
    );
    expect(denial).toEqual({
      eventId: 'permission-denial',
      status: 'failed',
      meta: { permission: 'registry.audit.read', userEntityRef: 'user:default/sven', cached: false },
      error: 'registry.audit.read: denied to user:default/sven',
    });
  });

  it('answers 401 to an unauthenticated caller of the permission backend', async () => {
    const { server } = await start(policyYaml(["'*'"]));
    const response = await request(server)
      .post('/api/permission/authorize')
      .set('Authorization', mockCredentials.none.header())
      .send({
        items: [
          { id: '1', permission: { type: 'basic', name: 'registry.audit.read', attributes: { action: 'read' } } },
        ],
      });
    expect(response.status).toBe(401);
    expect(await authorize(server, 'user:default/anyone')).toBe('ALLOW');
  });

  it('stops the backend at start-up when the policy is invalid, naming the key and line', async () => {
    await expect(start(policyYaml(['payments-team']))).rejects.toThrow(
      /Invalid config at portico\.permissions\.roles\[0\]\.members\[0\] \(app-config\.yaml line 10\): expected a user or group entity ref/,
    );
  });
});
