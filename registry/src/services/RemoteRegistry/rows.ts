import { RemoteVersionSummary } from '@portico/contract';

/** `registry_remotes` as stored. */
export interface RemoteRow {
  name: string;
  owner: string;
  live_version: string | null;
  canary_version: string | null;
  canary_percent: number | null;
  visible_to: string | null;
  sunset_at: string | Date | null;
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
  federation_manifest: string;
  published_by: string;
  published_at: string | Date;
  sunset_at: string | Date | null;
  deprecation_message: string | null;
}

/** `registry_files` as stored. */
export interface FileRow {
  path: string;
  digest: string;
  size: number;
  content_type: string;
}

export function toIso(value: string | Date | number): string {
  return new Date(value).toISOString();
}

export function parseVisibleTo(row: Pick<RemoteRow, 'visible_to'>): string[] {
  return row.visible_to ? (JSON.parse(row.visible_to) as string[]) : [];
}

export function deprecationOf(row: { sunset_at: string | Date | null; deprecation_message: string | null }) {
  if (!row.sunset_at) return undefined;
  return {
    sunset: toIso(row.sunset_at),
    ...(row.deprecation_message ? { message: row.deprecation_message } : {}),
  };
}

/** Builds the public URL of a version's entry. */
export function entryUrlOf(row: VersionRow, assetBaseUrl: string): string {
  return row.source === 'upload'
    ? `${assetBaseUrl}/${row.remote_name}/${row.version}/${row.entry}`
    : row.entry;
}

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
