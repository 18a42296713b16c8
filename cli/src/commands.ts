import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { REMOTE_DESCRIPTOR_FILE, RemoteDescriptor, RemoteSummary } from '@portico/contract';
import type { ExternalPublishRequest, RegistryClient } from '@portico/contract/client';
import { Output, formatBytes } from './output';
import { packDirectory } from './pack';
import { readShellContract } from './shellContract';
import { createUploadBody } from './uploadBody';

/** How a remote's tracks read in one line: `1.1.0 live, 1.2.0 canary 10%`. */
function describeTracks(remote: RemoteSummary): string {
  const parts = [remote.liveVersion ? `${remote.liveVersion} live` : 'nothing live'];
  if (remote.canary) parts.push(`${remote.canary.version} canary ${remote.canary.percent}%`);
  return parts.join(', ');
}

async function readDescriptor(folder: string): Promise<RemoteDescriptor> {
  const path = join(folder, REMOTE_DESCRIPTOR_FILE);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new Error(`${path} not found: build the remote first (npm run build)`);
  });
  return JSON.parse(text) as RemoteDescriptor;
}

export async function publishDirectory(registry: RegistryClient, out: Output, dir: string, makeLive: boolean) {
  const folder = resolve(dir);
  const descriptor = await readDescriptor(folder);
  const { name, version } = descriptor;
  out.step(`Packing ${name}@${version} from ${folder}`);
  const { archive, files, bytes } = await packDirectory(folder);
  out.step(`Uploading ${files} files (${formatBytes(bytes)}, ${formatBytes(archive.length)} gzipped)`);
  const upload = createUploadBody(archive, (sent, total) => out.progress('upload', sent, total));
  const published = await registry.publishArchive(name, upload, {
    contentLength: archive.length,
    owner: descriptor.owner,
  });
  out.step(
    published.created
      ? `Published ${name}@${version}`
      : `${name}@${version} was already published with these exact files`,
  );
  const live = makeLive ? await registry.promote(name, { version }) : undefined;
  out.result(
    { name, version, created: published.created, live: live?.liveVersion ?? null },
    makeLive ? `${name}@${version} is live at ${descriptor.route}` : `${name}@${version} uploaded (not live)`,
  );
}

/** What `publish <manifest-url>` reads from its options; all but `description` are required. */
export interface ExternalOptions {
  name?: string;
  version?: string;
  route?: string;
  title?: string;
  owner?: string;
  description?: string;
}

export async function publishUrl(
  registry: RegistryClient,
  out: Output,
  manifestUrl: string,
  options: ExternalOptions,
  makeLive: boolean,
) {
  const missing = (['name', 'version', 'route', 'title', 'owner'] as const).filter(key => !options[key]);
  if (missing.length > 0) {
    throw new Error(`publishing by URL needs ${missing.map(key => `--${key}`).join(', ')}`);
  }
  const { name, version, route, title, owner } = options as Required<Omit<ExternalOptions, 'description'>>;
  out.step(`Registering ${name}@${version} from ${manifestUrl}`);
  const request: ExternalPublishRequest = {
    manifestUrl,
    version,
    route,
    title,
    owner,
    description: options.description,
  };
  const published = await registry.publishExternal(name, request);
  if (makeLive) {
    await registry.promote(name, { version });
  }
  out.result(
    { name, version, created: published.created, live: makeLive ? version : null },
    makeLive ? `${name}@${version} is live at ${route}` : `${name}@${version} registered (not live)`,
  );
}

export async function promote(registry: RegistryClient, out: Output, name: string, version: string, percent?: number) {
  const remote = await registry.promote(name, percent === undefined ? { version } : { version, percent });
  out.result(remote, `${name}: ${describeTracks(remote)}`);
}

export async function rollback(registry: RegistryClient, out: Output, name: string) {
  const remote = await registry.rollback(name);
  out.result(remote, `${name}: ${describeTracks(remote)}`);
}

export async function deprecate(
  registry: RegistryClient,
  out: Output,
  name: string,
  version: string | undefined,
  options: { sunset?: string; message?: string },
) {
  const { sunset, message } = options;
  if (!sunset) throw new Error('deprecate needs --sunset (a date such as 2027-03-31)');
  const remote = await registry.deprecate(name, {
    ...(version ? { version } : {}),
    sunset,
    ...(message ? { message } : {}),
  });
  out.result(remote, `${version ? `${name}@${version}` : name} is deprecated; sunset ${sunset}`);
}

export async function status(registry: RegistryClient, out: Output, name: string) {
  const remote = await registry.getRemote(name);
  const history = await registry.getHistory(name);
  const deprecation = remote.deprecation;
  const lines = [
    `${remote.name}  ${remote.title}  ${remote.route}  owned by ${remote.owner}`,
    `tracks: ${describeTracks(remote)}`,
    ...(remote.visibleTo.length ? [`visible to: ${remote.visibleTo.join(', ')}`] : []),
    ...(deprecation
      ? [`deprecated: sunset ${deprecation.sunset}${deprecation.message ? ` (${deprecation.message})` : ''}`]
      : []),
    'versions:',
    ...remote.versions.map(
      v =>
        `  ${v.version.padEnd(12)} ${v.publishedAt}  by ${v.publishedBy}` +
        (v.deprecation ? `  deprecated, sunset ${v.deprecation.sunset}` : ''),
    ),
    'history:',
    ...history.map(
      h => `  ${h.at}  ${h.kind.padEnd(16)} ${h.fromVersion ?? '-'} -> ${h.toVersion ?? '-'}  by ${h.actor}`,
    ),
  ];
  out.result({ ...remote, history }, lines.join('\n'));
}

export async function list(registry: RegistryClient, out: Output) {
  const remotes = await registry.listRemotes();
  const lines = remotes.map(
    remote =>
      `${remote.name.padEnd(20)} ${remote.route.padEnd(14)} ${remote.owner.padEnd(34)} ${describeTracks(remote)}`,
  );
  out.result({ remotes }, lines.length ? lines.join('\n') : 'No remotes are registered yet.');
}

export async function setVisibility(registry: RegistryClient, out: Output, name: string, groups: string[]) {
  const remote = await registry.setVisibility(name, groups);
  out.result(
    remote,
    remote.visibleTo.length ? `${name} is visible to ${remote.visibleTo.join(', ')}` : `${name} is visible to everyone`,
  );
}

export async function registerShellContract(registry: RegistryClient, out: Output, shellDir: string) {
  const shared = await readShellContract(resolve(shellDir));
  out.step(
    `Shell contract: ${Object.entries(shared)
      .map(([pkg, v]) => `${pkg}@${v}`)
      .join(', ')}`,
  );
  const registration = await registry.registerShellContract(shared);
  const broken = registration.wouldBreak.map(
    b =>
      `  ${b.remote}@${b.version}: ` +
      b.problems.map(p => `${p.package} requires ${p.required}, the shell provides ${p.provided}`).join('; '),
  );
  out.result(
    registration,
    broken.length
      ? `Registered. It breaks these live remotes:\n${broken.join('\n')}`
      : 'Registered; every live remote is compatible.',
  );
}

export async function audit(registry: RegistryClient, out: Output, remote?: string) {
  const entries = await registry.listAudit(remote ? { remote } : {});
  const lines = entries.map(
    e =>
      `${e.at}  ${e.outcome.padEnd(8)} ${e.action.padEnd(14)} ${(e.remote ?? '').padEnd(18)} ` +
      `${e.fromVersion ?? '-'} -> ${e.toVersion ?? '-'}  by ${e.actor}${e.detail ? `  (${e.detail})` : ''}`,
  );
  out.result({ entries }, lines.join('\n') || 'No audit entries.');
}
