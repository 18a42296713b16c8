/*
 * `npm run bench:permissions`: how fast Portico's permission policy decides, with the decision
 * cache on and off. It evaluates the default policy (app-config.yaml's portico.permissions) in
 * process, the way the permission backend calls it, over a fixed mix of users and permissions,
 * and prints decisions per second and p50/p99 latency for each mode (median of alternating rounds).
 *
 * What is measured: PorticoPermissionPolicy.handle, with its Prometheus metrics recorded. What
 * is not: HTTP to the permission backend, the auditor (denials are not audited here), and the
 * catalog lookup behind `domain` conditions (a fixed answer stands in for it). Then, unless
 * `--no-http`, the same over HTTP on the real backend (permissionsOverHttp.ts).
 *
 *   npm run bench:permissions -- [--iterations N] [--no-http] [--json]
 */
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { createPermission, Permission } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  registryAuditReadPermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
} from '@portico/plugin-registry-backend';
import { performance } from 'node:perf_hooks';
import { Registry } from 'prom-client';
import { PorticoPermissionPolicy } from '../modules/permissionPolicy';
import { staticDomainResolver } from '../modules/permissionPolicy/policy/domainResolver';
import { createPolicyMetrics } from '../modules/permissionPolicy/policy/policyMetrics';
import { appConfigPolicy } from '../modules/permissionPolicy/__testUtils__/appConfigPolicy';
import { benchPermissionsOverHttp } from './permissionsOverHttp';

const DEFAULT_ITERATIONS = 200_000;
const WARM_UP = 20_000;
const ROUNDS = 3;

function user(name: string, ...groups: string[]): PolicyQueryUser {
  const userEntityRef = stringifyEntityRef({ kind: 'user', name });
  return {
    // The policy never reads the credentials; the permission backend passes them along.
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    } as BackstageCredentials,
    info: {
      userEntityRef,
      ownershipEntityRefs: [userEntityRef, ...groups.map(group => stringifyEntityRef({ kind: 'group', name: group }))],
    },
  };
}

/** The users a busy portal sees: a superuser, two teams, someone in no team, no user at all. */
const USERS: Array<PolicyQueryUser | undefined> = [
  user('ada', 'platform-engineers'),
  user('linus', 'payments-team'),
  user('mara', 'payments-team'),
  user('sven', 'search-team'),
  user('yuki', 'search-team'),
  user('contractor'),
  undefined,
];

/** Catalog reads dominate; then the manifest's registry reads; then writes and the odd unknown. */
const PERMISSIONS: Permission[] = [
  catalogEntityReadPermission,
  catalogEntityReadPermission,
  catalogEntityReadPermission,
  registryRemoteReadPermission,
  registryRemoteReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityDeletePermission,
  registryRemotePublishPermission,
  registryRemotePromotePermission,
  registryAuditReadPermission,
  createPermission({ name: 'scaffolder.task.create', attributes: { action: 'create' } }),
];

interface Result {
  mode: string;
  decisions: number;
  decisionsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function run(mode: string, cacheTtlSeconds: number, iterations: number): Promise<Result> {
  const compiled = { ...appConfigPolicy(), cacheTtlMs: cacheTtlSeconds * 1000 };
  const policy = new PorticoPermissionPolicy(compiled, {
    domains: staticDomainResolver({ 'domain:default/developer-platform': ['system:default/portico'] }),
    metrics: createPolicyMetrics(new Registry()),
  });
  const query = (i: number) => ({ permission: PERMISSIONS[i % PERMISSIONS.length] });
  const who = (i: number) => USERS[Math.floor(i / PERMISSIONS.length) % USERS.length];

  for (let i = 0; i < WARM_UP; i += 1) await policy.handle(query(i), who(i));

  const latencies = new Float64Array(iterations);
  const started = performance.now();
  for (let i = 0; i < iterations; i += 1) {
    const before = performance.now();
    await policy.handle(query(i), who(i));
    latencies[i] = performance.now() - before;
  }
  const elapsedMs = performance.now() - started;
  latencies.sort();
  return {
    mode,
    decisions: iterations,
    decisionsPerSecond: Math.round((iterations / elapsedMs) * 1000),
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    maxMs: latencies[latencies.length - 1],
  };
}

async function main() {
  const args = process.argv.slice(2);
  const iterationsArg = args.indexOf('--iterations');
  const iterations = iterationsArg >= 0 ? Number(args[iterationsArg + 1]) : DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations <= 0) {
    console.error('--iterations: expected a positive whole number');
    process.exit(2);
  }
  // Rounds alternate between the modes and the median round is reported, so that a noisy
  // neighbour or a GC pause does not decide the comparison.
  const rounds: Result[][] = [[], []];
  for (let round = 0; round < ROUNDS; round += 1) {
    rounds[0].push(await run('cache on (ttl 60 s)', 60, iterations));
    rounds[1].push(await run('cache off', 0, iterations));
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results: Result[] = rounds.map(mode => ({
    mode: mode[0].mode,
    decisions: iterations,
    decisionsPerSecond: median(mode.map(r => r.decisionsPerSecond)),
    p50Ms: median(mode.map(r => r.p50Ms)),
    p99Ms: median(mode.map(r => r.p99Ms)),
    maxMs: Math.max(...mode.map(r => r.maxMs)),
  }));
  const json = args.includes('--json');
  const overHttp = args.includes('--no-http') ? undefined : () => benchPermissionsOverHttp(json);
  if (json) {
    const http = await overHttp?.();
    process.stdout.write(
      `${JSON.stringify({ iterations, rounds: ROUNDS, node: process.version, results, http }, null, 2)}\n`,
    );
    return;
  }
  const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
  console.log(
    `Portico permission policy: ${iterations} decisions per mode and round ` +
      `(${USERS.length} users × ${PERMISSIONS.length} permissions), ` +
      `median of ${ROUNDS} rounds (max: worst), Node ${process.version}`,
  );
  console.log('mode                  decisions/s        p50        p99        max');
  for (const result of results) {
    console.log(
      [
        result.mode.padEnd(20),
        String(result.decisionsPerSecond).padStart(12),
        us(result.p50Ms).padStart(10),
        us(result.p99Ms).padStart(10),
        us(result.maxMs).padStart(10),
      ].join(' '),
    );
  }
  await overHttp?.();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
