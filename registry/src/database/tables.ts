import { AuditEntry, LiveHistoryEntry, RemoteVersionSummary } from '@portico/contract';
import { RegistryRemoteResource } from '../permissions';

/** A timestamp as the database returns it: an ISO string on SQLite, a Date on PostgreSQL. */
export type DbTimestamp = string | Date;

/** `registry_remotes` as stored. */
export interface RemoteRow {
  name: string;
  owner: string;
  live_version: string | null;
  canary_version: string | null;
  canary_percent: number | null;
  /** JSON array of group refs; null means everyone signed in. */
  visible_to: string | null;
  sunset_at: DbTimestamp | null;
  deprecation_message: string | null;
}

/** `registry_versions` as stored. */
export interface VersionRow {
  remote_name: string;
  version: string;
  source: 'upload' | 'url';
  entry: string;
  integrity: string | null;
  content_digest: string;
  route: string;
  title: string;
  description: string | null;
  /** The version's `mf-manifest.json`, as JSON. */
  federation_manifest: string;
  published_by: string;
  published_at: DbTimestamp;
  sunset_at: DbTimestamp | null;
  deprecation_message: string | null;
}

/** `registry_files` as stored: one file of an uploaded version, its bytes in the asset store. */
export interface FileRow {
  remote_name: string;
  version: string;
  path: string;
  digest: string;
  size: number;
  content_type: string;
}

/** `registry_live_history`: one move of a remote's live pointer or canary. */
export interface LiveHistoryRow {
  id: number;
  remote_name: string;
  kind: LiveHistoryEntry['kind'];
  from_version: string | null;
  to_version: string | null;
  actor: string;
  at: DbTimestamp;
}

/** `registry_audit`: one registry action and its outcome. */
export interface AuditRow {
  id: number;
  at: DbTimestamp;
  actor: string;
  action: string;
  remote_name: string | null;
  from_version: string | null;
  to_version: string | null;
  outcome: AuditEntry['outcome'];
  detail: string | null;
}

/** `registry_shell_contracts`: one registration of the shell's shared-dependency versions. */
export interface ShellContractRow {
  id: number;
  /** JSON object of package name to exact version. */
  shared: string;
  registered_by: string;
  registered_at: DbTimestamp;
}

export function toIso(value: DbTimestamp | number): string {
  return new Date(value).toISOString();
}

export function parseVisibleTo(row: Pick<RemoteRow, 'visible_to'>): string[] {
  return row.visible_to ? (JSON.parse(row.visible_to) as string[]) : [];
}

/** What the permission rules see of a remote row. */
export function toRemoteResource(row: RemoteRow): RegistryRemoteResource {
  return { name: row.name, owner: row.owner, visibleTo: parseVisibleTo(row) };
}

export function deprecationOf(row: Pick<RemoteRow, 'sunset_at' | 'deprecation_message'>) {
  if (!row.sunset_at) return undefined;
  return {
    sunset: toIso(row.sunset_at),
    ...(row.deprecation_message ? { message: row.deprecation_message } : {}),
  };
}

/**
 * The public URL of a version's entry: uploads are served under `assetBaseUrl`, behind the
 * signed prefix (`~s/<signature>`) when one is given; remotes hosted elsewhere keep their URL.
 */
export function entryUrlOf(row: VersionRow, assetBaseUrl: string, signedPrefix?: string): string {
  if (row.source !== 'upload') return row.entry;
  const prefix = signedPrefix ? `${signedPrefix}/` : '';
  return `${assetBaseUrl}/${row.remote_name}/${row.version}/${prefix}${row.entry}`;
}

/**
 * A version as API clients see it. Its entry URL is not signed: an upload's files answer it only
 * with credentials that may read the remote (browsers get signed URLs from the manifest).
 */
export function toVersionSummary(row: VersionRow, assetBaseUrl: string): RemoteVersionSummary {
  const deprecation = deprecationOf(row);
  return {
    version: row.version,
    source: row.source,
    entry: entryUrlOf(row, assetBaseUrl),
    ...(row.integrity ? { integrity: row.integrity } : {}),
    publishedAt: toIso(row.published_at),
    publishedBy: row.published_by,
    ...(deprecation ? { deprecation } : {}),
  };
}

export function toLiveHistoryEntry(row: LiveHistoryRow): LiveHistoryEntry {
  return {
    kind: row.kind,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    actor: row.actor,
    at: toIso(row.at),
  };
}

export function toAuditEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: toIso(row.at),
    actor: row.actor,
    action: row.action,
    remote: row.remote_name,
    fromVersion: row.from_version,
    toVersion: row.to_version,
    outcome: row.outcome,
    detail: row.detail,
  };
}
