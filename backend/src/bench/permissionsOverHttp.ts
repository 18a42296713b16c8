/*
 * `npm run bench:permissions -- --http`: permission decisions as remotes get them, over HTTP:
 * `POST /api/permission/authorize` on the real backend (backend/src/index.ts, app-config.yaml,
 * SQLite, the sample organisation), with real user tokens from the development sign-in. Once with
 * the policy's decision cache on (ttl 60 s), once off (a backend each, started by the bench).
 *
 * Three kinds of request, one decision each (what `usePermission` sends when one button asks):
 * - anchor: a superuser's decision without a resource. The policy answers at once, so this is the
 *   cost of HTTP, token verification and the permission backend themselves;
 * - team, no resource: a team member's registry.audit.read (denied after the role lookup);
 * - team, resource: a team member's catalog.entity.refresh of an entity, a conditional decision
 *   that the permission backend resolves with the catalog's apply-conditions (a second request).
 * Ratios are against the anchor measured in the same backend.
 */
import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import { registryAuditReadPermission } from '@portico/plugin-registry-backend';
import { ForwardedError, ResponseError } from '@backstage/errors';
import { Permission } from '@backstage/plugin-permission-common';
import { performance } from 'node:perf_hooks';
import { PorticoBackend, startPorticoBackend } from '../__testUtils__/startPorticoBackend';

const REQUESTS = 1_500;
const WARM_UP = 150;
/** Requests in flight at once: a few browsers' worth on a 2-core machine. */
const CONCURRENCY = 4;

interface Kind {
  name: string;
  user: string;
  permission: Permission;
  resourceRef?: string;
}

const KINDS: Kind[] = [
  { name: 'anchor: superuser, no resource', user: 'ada', permission: registryAuditReadPermission },
  { name: 'team, no resource', user: 'sven', permission: registryAuditReadPermission },
  {
    name: 'team, resource (conditions)',
    user: 'linus',
    permission: catalogEntityRefreshPermission,
    resourceRef: 'component:default/payments-api',
  },
];

export interface HttpResult {
  mode: string;
  kind: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  result: string;
}

async function measure(backend: PorticoBackend, kind: Kind, token: string, count: number) {
  const body = JSON.stringify({ items: [{ id: '1', permission: kind.permission, resourceRef: kind.resourceRef }] });
  const latencies: number[] = [];
  let answer = '';
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const before = performance.now();
      const response = await fetch(`${backend.baseUrl}/api/permission/authorize`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body,
      });
      if (!response.ok) throw new ForwardedError('authorize failed', await ResponseError.fromResponse(response));
      const json = (await response.json()) as { items?: Array<{ result: string }> };
      latencies.push(performance.now() - before);
      answer = json.items?.[0]?.result ?? '?';
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { requestsPerSecond: Math.round((count / elapsedMs) * 1000), p50Ms: at(0.5), p99Ms: at(0.99), answer };
}

async function runMode(mode: string, ttlSeconds: number): Promise<HttpResult[]> {
  const backend = await startPorticoBackend({
    database: { client: 'sqlite' },
    // Laid over app-config.yaml; the backend logs each request, which is part of its cost.
    config: { portico: { permissions: { cache: { ttl: { seconds: ttlSeconds } } } } },
  });
  try {
    const tokens = new Map<string, string>();
    for (const kind of KINDS) tokens.set(kind.user, tokens.get(kind.user) ?? (await backend.signIn(kind.user)));
    const results: HttpResult[] = [];
    for (const kind of KINDS) {
      const token = tokens.get(kind.user)!;
      await measure(backend, kind, token, WARM_UP);
      const measured = await measure(backend, kind, token, REQUESTS);
      results.push({
        mode,
        kind: kind.name,
        requestsPerSecond: measured.requestsPerSecond,
        p50Ms: measured.p50Ms,
        p99Ms: measured.p99Ms,
        result: measured.answer,
      });
    }
    return results;
  } finally {
    await backend.stop();
  }
}

/** Both modes, each on a backend of its own; prints a table unless `json`. */
export async function benchPermissionsOverHttp(json: boolean): Promise<HttpResult[]> {
  const results = [...(await runMode('cache on (ttl 60 s)', 60)), ...(await runMode('cache off', 0))];
  if (json) return results;
  console.log(
    `\nOver HTTP: POST /api/permission/authorize on the real backend (SQLite), ` +
      `${REQUESTS} requests of one decision per kind and mode, ${CONCURRENCY} in flight`,
  );
  console.log(
    'mode                 kind                              answer     req/s     p50      p99   p50 vs anchor',
  );
  for (const result of results) {
    const anchor = results.find(other => other.mode === result.mode && other.kind === KINDS[0].name)!;
    console.log(
      [
        result.mode.padEnd(20),
        result.kind.padEnd(33),
        result.result.padEnd(11),
        String(result.requestsPerSecond).padStart(5),
        `${result.p50Ms.toFixed(1).padStart(6)} ms`,
        `${result.p99Ms.toFixed(1).padStart(6)} ms`,
        `${(result.p50Ms / anchor.p50Ms).toFixed(2).padStart(8)}×`,
      ].join(' '),
    );
  }
  return results;
}
