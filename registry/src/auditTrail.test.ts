import { mockCredentials, mockServices, TestDatabaseId } from '@backstage/backend-test-utils';
import type { AuditEntry } from '@portico/contract';
import { Knex } from 'knex';
import { mkdtemp, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { migrateRegistryDatabase } from './database/migrateRegistryDatabase';
import { createTestDatabases } from './__testUtils__/databases';
import { publishFixture, startRegistry } from './__testUtils__/startRegistry';
import { createAuditLog, createAuditRetention } from './services/AuditLog';

const databases = createTestDatabases();
const ADA = mockCredentials.user.header('user:default/ada'); // platform-engineers: admin
const LINUS = mockCredentials.user.header('user:default/linus'); // payments-team
const DAY = 24 * 3_600_000;

const isPostgres = (knex: Knex) => String(knex.client.config.client).startsWith('pg');

/** Makes the audit table refuse success entries, as a full disk or a lost connection would. */
async function breakSuccessEntries(knex: Knex) {
  if (isPostgres(knex)) {
    await knex.raw(`CREATE FUNCTION registry_audit_unavailable() RETURNS trigger AS $$
      BEGIN
        IF NEW.outcome = 'success' THEN RAISE EXCEPTION 'audit storage unavailable'; END IF;
        RETURN NEW;
      END; $$ LANGUAGE plpgsql`);
    await knex.raw(`CREATE TRIGGER registry_audit_unavailable BEFORE INSERT ON registry_audit
      FOR EACH ROW EXECUTE FUNCTION registry_audit_unavailable()`);
  } else {
    await knex.raw(`CREATE TRIGGER registry_audit_unavailable BEFORE INSERT ON registry_audit
      WHEN NEW.outcome = 'success' BEGIN SELECT RAISE(ABORT, 'audit storage unavailable'); END`);
  }
}

async function repairSuccessEntries(knex: Knex) {
  if (isPostgres(knex)) {
    await knex.raw('DROP TRIGGER registry_audit_unavailable ON registry_audit');
    await knex.raw('DROP FUNCTION registry_audit_unavailable()');
  } else {
    await knex.raw('DROP TRIGGER registry_audit_unavailable');
  }
}

describe.each(databases.eachSupportedId())('the audit trail on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
  });

  describe('through the HTTP API', () => {
    let storage: string;
    let server: Server;

    beforeEach(async () => {
      storage = await mkdtemp(join(tmpdir(), 'portico-audit-'));
      server = await startRegistry({ knex, storage });
    });

    afterEach(async () => {
      await rm(storage, { recursive: true, force: true });
    });

    async function auditEntries(): Promise<AuditEntry[]> {
      const response = await request(server).get('/api/registry/audit?limit=1000').set('Authorization', ADA);
      expect(response.status).toBe(200);
      return response.body.entries;
    }

    it('answers a committed change with success when its audit entry cannot be written, and records no refusal', async () => {
      await breakSuccessEntries(knex);
      const published = await publishFixture(server, {}, LINUS);
      const promoted = await request(server)
        .post('/api/registry/remotes/team_payments/promote')
        .set('Authorization', LINUS)
        .send({ version: '1.0.0' });
      await repairSuccessEntries(knex);

      expect(published.status).toBe(201);
      expect(published.body.created).toBe(true);
      expect(promoted.status).toBe(200);
      expect(promoted.body.liveVersion).toBe('1.0.0');
      expect(await auditEntries()).toEqual([]);
    });

    it('records every refusal of a change route, also of bad input refused before the change ran', async () => {
      const post = (path: string) => request(server).post(`/api/registry${path}`).set('Authorization', LINUS);
      const put = (path: string) => request(server).put(`/api/registry${path}`).set('Authorization', LINUS);
      const refusals: Array<[request.Test, number, string, string | null, RegExp]> = [
        [
          post('/remotes/team_payments/promote').set('Content-Type', 'text/plain').send('1.0.0'),
          415,
          'promote',
          'team_payments',
          /^415 content-type:/,
        ],
        [
          post('/remotes/team_payments/promote').send({ version: 'latest' }),
          400,
          'promote',
          'team_payments',
          /^400 body\.version:/,
        ],
        [
          post('/remotes/team_payments/promote').set('Content-Type', 'application/json').send('{"version":'),
          400,
          'promote',
          'team_payments',
          /^400 /,
        ],
        [
          post('/remotes/team_payments/promote').send({ version: '1.0.0', pad: 'x'.repeat(120_000) }),
          413,
          'promote',
          'team_payments',
          /^413 /,
        ],
        [put('/remotes/team_payments/live').send({}), 400, 'promote', 'team_payments', /^400 body\.version:/],
        [post('/remotes/Team-Payments/rollback'), 400, 'rollback', null, /^400 name:/],
        [
          post('/remotes/team_payments/deprecate').send({ sunset: 'soon' }),
          400,
          'deprecate',
          'team_payments',
          /^400 body/,
        ],
        [
          put('/remotes/team_payments/visibility').send({ groups: ['payments'] }),
          400,
          'visibility',
          'team_payments',
          /^400 body\.groups\.0:/,
        ],
        [
          post('/shell-contract').send({ shared: { react: '^18.0.0' } }),
          400,
          'shell-contract',
          null,
          /^400 body\.shared\.react:/,
        ],
        [
          post('/remotes/team_payments/versions').set('Content-Type', 'text/plain').send('hello'),
          415,
          'publish',
          'team_payments',
          /^415 content-type:/,
        ],
        [
          post('/remotes/Team-Payments/versions').set('Content-Type', 'application/gzip').send(Buffer.from('x')),
          400,
          'publish',
          null,
          /^400 name:/,
        ],
      ];
      for (const [response, status] of refusals) {
        expect((await response).status).toBe(status);
      }

      const entries = (await auditEntries()).reverse();
      expect(entries).toHaveLength(refusals.length);
      entries.forEach((entry, index) => {
        const [, , action, remote, detail] = refusals[index];
        expect(entry).toMatchObject({ action, remote, outcome: 'refused', actor: 'user:default/linus' });
        expect(entry.detail).toMatch(detail);
      });
    });

    it('records a refusal the change itself made once, and nothing for a read', async () => {
      expect((await publishFixture(server, {}, LINUS)).status).toBe(201);
      const missing = await request(server)
        .post('/api/registry/remotes/team_payments/promote')
        .set('Authorization', LINUS)
        .send({ version: '9.9.9' });
      expect(missing.status).toBe(404);
      const denied = await request(server)
        .put('/api/registry/remotes/team_payments/visibility')
        .set('Authorization', LINUS)
        .send({ groups: [] });
      expect(denied.status).toBe(403);
      expect((await request(server).get('/api/registry/remotes/nope').set('Authorization', LINUS)).status).toBe(404);

      const rows = (await auditEntries()).map(e => [e.action, e.outcome, e.detail?.slice(0, 4) ?? null]);
      expect(rows).toEqual([
        ['visibility', 'denied', '403 '],
        ['promote', 'refused', '404 '],
        ['publish', 'success', null],
      ]);
    });
  });

  it('deletes the entries older than the retention period and keeps the rest', async () => {
    await migrateRegistryDatabase(mockServices.database({ knex }));
    const now = new Date('2026-06-01T12:00:00.000Z');
    const entry = {
      actor: 'user:default/ada',
      action: 'promote',
      remote: 'team_payments',
      fromVersion: null,
      toVersion: '1.0.0',
      outcome: 'success' as const,
      detail: null,
    };
    for (const daysAgo of [400, 366, 364, 1]) {
      await createAuditLog({ database: knex, now: () => new Date(now.getTime() - daysAgo * DAY) }).record(entry);
    }
    const auditLog = createAuditLog({ database: knex });

    const removed = await createAuditRetention({ auditLog, retentionMs: 365 * DAY, now: () => now }).prune();

    expect(removed).toBe(2);
    const left = await auditLog.list({ limit: 10 });
    expect(left.map(e => Math.round((now.getTime() - new Date(e.at).getTime()) / DAY))).toEqual([1, 364]);
  });
});
