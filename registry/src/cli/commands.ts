import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  AuditEntry,
  LiveHistoryEntry,
  REMOTE_DESCRIPTOR_FILE,
  RemoteDescriptor,
  RemoteSummary,
} from '@portico/contract';
import { callRegistry, ClientOptions } from './client';
import { Output, formatBytes } from './output';
import { packDirectory } from './pack';
import { readShellContract } from './shellContract';

const json = (value: unknown) => ({ contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) });
const remotePath = (name: string, suffix = '') => `/remotes/${encodeURIComponent(name)}${suffix}`;

/** How a remote's tracks read in one line: `1.1.0 live, 1.2.0 canary 10%`. */
function describeTracks(remote: RemoteSummary): string {
  const parts = [remote.liveVersion ? `${remote.liveVersion} live` : 'nothing live'];
  if (remote.canary) parts.push(`${remote.canary.version} canary ${remote.canary.percent}%`);
  return parts.join(', ');
}

export async function publishDirectory(client: ClientOptions, out: Output, dir: string, makeLive: boolean) {
  const folder = resolve(dir);
  const descriptor = JSON.parse(
    await readFile(join(folder, REMOTE_DESCRIPTOR_FILE), 'utf8').catch(() => {
      throw new Error(`${join(folder, REMOTE_DESCRIPTOR_FILE)} not found: build the remote first (npm run build)`);
    }),
  ) as RemoteDescriptor;
  out.step(`Packing ${descriptor.name}@${descriptor.version} from ${folder}`);
  const { archive, files, bytes } = await packDirectory(folder);
  out.step(`Uploading ${files} files (${formatBytes(bytes)}, ${formatBytes(archive.length)} gzipped)`);
  const published = await callRegistry<{ created: boolean }>(
    client,
    'POST',
    remotePath(descriptor.name, '/versions'),
    { contentType: 'application/gzip', bytes: archive },
    (sent, total) => out.progress('upload', sent, total),
  );
  out.step(
    published.body.created
      ? `Published ${descriptor.name}@${descriptor.version}`
      : `${descriptor.name}@${descriptor.version} was already published with these exact files`,
  );
  let live: RemoteSummary | undefined;
  if (makeLive) {
    live = await promoteVersion(client, descriptor.name, descriptor.version);
  }
  out.result(
    { name: descriptor.name, version: descriptor.version, created: published.body.created, live: live?.liveVersion ?? null },
    makeLive
      ? `${descriptor.name}@${descriptor.version} is live at ${descriptor.route}`
      : `${descriptor.name}@${descriptor.version} uploaded (not live)`,
  );
}

export interface ExternalOptions {
  name?: string;
  version?: string;
  route?: string;
  title?: string;
  owner?: string;
  description?: string;
}

export async function publishUrl(client: ClientOptions, out: Output, manifestUrl: string, options: ExternalOptions, makeLive: boolean) {
  const missing = (['name', 'version', 'route', 'title', 'owner'] as const).filter(key => !options[key]);
  if (missing.length > 0) {
    throw new Error(`publishing by URL needs ${missing.map(key => `--${key}`).join(', ')}`);
  }
  const { name, ...rest } = options;
  out.step(`Registering ${name}@${options.version} from ${manifestUrl}`);
  const published = await callRegistry<{ created: boolean }>(client, 'POST', remotePath(name!, '/versions'), json({ manifestUrl, ...rest }));
  if (makeLive) {
    await promoteVersion(client, name!, options.version!);
  }
  out.result(
    { name, version: options.version, created: published.body.created, live: makeLive ? options.version : null },
    makeLive ? `${name}@${options.version} is live at ${options.route}` : `${name}@${options.version} registered (not live)`,
  );
}

async function promoteVersion(client: ClientOptions, name: string, version: string, percent?: number) {
  const body = percent === undefined ? { version } : { version, percent };
  return (await callRegistry<RemoteSummary>(client, 'POST', remotePath(name, '/promote'), json(body))).body;
}

export async function promote(client: ClientOptions, out: Output, name: string, version: string, percent?: number) {
  const remote = await promoteVersion(client, name, version, percent);
  out.result(remote, `${name}: ${describeTracks(remote)}`);
}

export async function rollback(client: ClientOptions, out: Output, name: string) {
  const { body } = await callRegistry<RemoteSummary>(client, 'POST', remotePath(name, '/rollback'));
  out.result(body, `${name}: ${describeTracks(body)}`);
}

export async function deprecate(
  client: ClientOptions,
  out: Output,
  name: string,
  version: string | undefined,
  options: { sunset?: string; message?: string },
) {
  if (!options.sunset) throw new Error('deprecate needs --sunset (a date such as 2027-03-31)');
  const { body } = await callRegistry<RemoteSummary>(
    client,
    'POST',
    remotePath(name, '/deprecate'),
    json({ ...(version ? { version } : {}), sunset: options.sunset, ...(options.message ? { message: options.message } : {}) }),
  );
  out.result(body, `${version ? `${name}@${version}` : name} is deprecated; sunset ${options.sunset}`);
}

export async function status(client: ClientOptions, out: Output, name: string) {
  const remote = (await callRegistry<RemoteSummary>(client, 'GET', remotePath(name))).body;
  const history = (await callRegistry<{ history: LiveHistoryEntry[] }>(client, 'GET', remotePath(name, '/history'))).body.history;
  const lines = [
    `${remote.name}  ${remote.title}  ${remote.route}  owned by ${remote.owner}`,
    `tracks: ${describeTracks(remote)}`,
    ...(remote.visibleTo.length ? [`visible to: ${remote.visibleTo.join(', ')}`] : []),
    ...(remote.deprecation ? [`deprecated: sunset ${remote.deprecation.sunset}${remote.deprecation.message ? ` (${remote.deprecation.message})` : ''}`] : []),
    'versions:',
    ...remote.versions.map(v => `  ${v.version.padEnd(12)} ${v.publishedAt}  by ${v.publishedBy}${v.deprecation ? `  deprecated, sunset ${v.deprecation.sunset}` : ''}`),
    'history:',
    ...history.map(h => `  ${h.at}  ${h.kind.padEnd(16)} ${h.fromVersion ?? '-'} -> ${h.toVersion ?? '-'}  by ${h.actor}`),
  ];
  out.result({ ...remote, history }, lines.join('\n'));
}

export async function list(client: ClientOptions, out: Output) {
  const { body } = await callRegistry<{ remotes: RemoteSummary[] }>(client, 'GET', '/remotes');
  const lines = body.remotes.map(
    remote => `${remote.name.padEnd(20)} ${remote.route.padEnd(14)} ${remote.owner.padEnd(34)} ${describeTracks(remote)}`,
  );
  out.result(body, lines.length ? lines.join('\n') : 'No remotes are registered yet.');
}

export async function setVisibility(client: ClientOptions, out: Output, name: string, groups: string[]) {
  const { body } = await callRegistry<RemoteSummary>(client, 'PUT', remotePath(name, '/visibility'), json({ groups }));
  out.result(body, body.visibleTo.length ? `${name} is visible to ${body.visibleTo.join(', ')}` : `${name} is visible to everyone`);
}

export async function registerShellContract(client: ClientOptions, out: Output, shellDir: string) {
  const shared = await readShellContract(resolve(shellDir));
  out.step(`Shell contract: ${Object.entries(shared).map(([pkg, v]) => `${pkg}@${v}`).join(', ')}`);
  const { body } = await callRegistry<{ wouldBreak: Array<{ remote: string; version: string; problems: Array<{ package: string; required: string; provided: string }> }> }>(
    client,
    'POST',
    '/shell-contract',
    json({ shared }),
  );
  const broken = body.wouldBreak.map(
    b => `  ${b.remote}@${b.version}: ${b.problems.map(p => `${p.package} requires ${p.required}, the shell provides ${p.provided}`).join('; ')}`,
  );
  out.result(body, broken.length ? `Registered. It breaks these live remotes:\n${broken.join('\n')}` : 'Registered; every live remote is compatible.');
}

export async function audit(client: ClientOptions, out: Output, remote?: string) {
  const query = remote ? `?remote=${encodeURIComponent(remote)}` : '';
  const { body } = await callRegistry<{ entries: AuditEntry[] }>(client, 'GET', `/audit${query}`);
  out.result(
    body,
    body.entries
      .map(e => `${e.at}  ${e.outcome.padEnd(8)} ${e.action.padEnd(14)} ${(e.remote ?? '').padEnd(18)} ${e.fromVersion ?? '-'} -> ${e.toVersion ?? '-'}  by ${e.actor}${e.detail ? `  (${e.detail})` : ''}`)
      .join('\n') || 'No audit entries.',
  );
}
