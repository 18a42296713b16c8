import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  ManifestRemote,
  RegistryManifest,
  RemoteSummary,
  RemoteVersionSummary,
} from '@portico/contract';
import { Knex } from 'knex';
import { lookup as lookupContentType } from 'mime-types';
import { readArchive } from '../../bundle/readArchive';
import {
  checkFederationManifest,
  parseFederationManifest,
  validateBundle,
} from '../../bundle/validateBundle';
import { RegistryConfig } from '../../config';
import { AssetStore, sha384Hex, toIntegrity } from '../AssetStore';
import { fetchExternalRemote } from './fetchExternalRemote';
import {
  Actor,
  PublishResult,
  RemoteRegistryService,
} from './types';

interface RemoteRow {
  name: string;
  owner: string;
  live_version: string | null;
}

interface VersionRow {
  remote_name: string;
  version: string;
  source: 'upload' | 'url';
  entry: string;
  integrity: string | null;
  content_digest: string;
  route: string;
  title: string;
  description: string | null;
  published_by: string;
  published_at: string | Date;
}

interface FileRow {
  path: string;
  digest: string;
  size: number;
  content_type: string;
}

/** Everything a new version row is made of, whatever its source. */
interface NewVersion {
  name: string;
  owner: string;
  row: Omit<VersionRow, 'published_at'>;
  federationManifest: unknown;
  files: Array<FileRow & { bytes?: Buffer }>;
}

export interface RemoteRegistryOptions {
  database: Knex;
  assets: AssetStore;
  config: RegistryConfig;
  /** External base URL of the registry plugin, e.g. `http://localhost:7007/api/registry`. */
  externalBaseUrl: string;
  fetch?: typeof fetch;
}

/** Digest over the sorted list of (path, file digest): equal bundles have equal digests. */
function bundleDigest(files: Array<{ path: string; digest: string }>): string {
  const lines = files
    .map(file => `${file.path}\0${file.digest}`)
    .sort()
    .join('\n');
  return sha384Hex(lines);
}

function toIso(value: string | Date): string {
  return new Date(value).toISOString();
}

export function createRemoteRegistry(options: RemoteRegistryOptions): RemoteRegistryService {
  const { database: db, assets, config, externalBaseUrl } = options;
  const assetBaseUrl = `${externalBaseUrl.replace(/\/$/, '')}/assets`;

  function entryUrl(row: VersionRow): string {
    return row.source === 'upload'
      ? `${assetBaseUrl}/${row.remote_name}/${row.version}/${row.entry}`
      : row.entry;
  }

  function toVersionSummary(row: VersionRow): RemoteVersionSummary {
    return {
      version: row.version,
      source: row.source,
      entry: entryUrl(row),
      ...(row.integrity ? { integrity: row.integrity } : {}),
      publishedAt: toIso(row.published_at),
      publishedBy: row.published_by,
    };
  }

  function summarize(remote: RemoteRow, versions: VersionRow[]): RemoteSummary {
    const own = versions.filter(v => v.remote_name === remote.name);
    // Title and route follow the live version, or the newest one while nothing is live.
    const shown =
      own.find(v => v.version === remote.live_version) ?? own[own.length - 1];
    return {
      name: remote.name,
      owner: remote.owner,
      title: shown?.title ?? remote.name,
      route: shown?.route ?? '',
      ...(shown?.description ? { description: shown.description } : {}),
      ...(remote.live_version ? { liveVersion: remote.live_version } : {}),
      versions: own.map(toVersionSummary),
    };
  }

  /**
   * Records a version in one transaction. Blobs are written first (they are immutable and
   * content-addressed); if the transaction fails, the blobs this call created are removed again,
   * unless a row from another publish now points at them.
   */
  async function recordVersion(version: NewVersion, actor: Actor): Promise<PublishResult> {
    const existing = await db<VersionRow>('registry_versions')
      .where({ remote_name: version.name, version: version.row.version })
      .first();
    if (existing) {
      return settleExisting(existing, version);
    }

    const created: string[] = [];
    try {
      for (const file of version.files) {
        if (file.bytes && (await assets.put(file.digest, file.bytes))) {
          created.push(file.digest);
        }
      }
      const now = new Date().toISOString();
      await db.transaction(async tx => {
        const remote = await tx<RemoteRow>('registry_remotes').where({ name: version.name }).first();
        if (!remote) {
          await tx('registry_remotes').insert({
            name: version.name,
            owner: version.owner,
            live_version: null,
            created_by: actor,
            created_at: now,
            updated_at: now,
          });
        } else if (remote.owner !== version.owner) {
          throw new ConflictError(
            `owner: ${version.name} is owned by ${remote.owner}, but this version names ${version.owner}`,
          );
        }
        await tx('registry_versions').insert({
          ...version.row,
          federation_manifest: JSON.stringify(version.federationManifest),
          published_at: now,
        });
        if (version.files.length > 0) {
          await tx.batchInsert(
            'registry_files',
            version.files.map(file => ({
              remote_name: version.name,
              version: version.row.version,
              path: file.path,
              digest: file.digest,
              size: file.size,
              content_type: file.content_type,
            })),
            200,
          );
        }
      });
    } catch (error) {
      await removeUnreferencedBlobs(created);
      // Two publishes of one version raced: the loser settles against the winner's row.
      const winner = await db<VersionRow>('registry_versions')
        .where({ remote_name: version.name, version: version.row.version })
        .first();
      if (winner && !(error instanceof ConflictError)) {
        return settleExisting(winner, version);
      }
      throw error;
    }
    const stored = await db<VersionRow>('registry_versions')
      .where({ remote_name: version.name, version: version.row.version })
      .first();
    return { created: true, version: toVersionSummary(stored!) };
  }

  function settleExisting(existing: VersionRow, version: NewVersion): PublishResult {
    if (existing.content_digest !== version.row.content_digest) {
      throw new ConflictError(
        `version: ${version.name}@${version.row.version} is already published with different files; versions are immutable, publish a new version`,
      );
    }
    return { created: false, version: toVersionSummary(existing) };
  }

  async function removeUnreferencedBlobs(digests: string[]) {
    for (const digest of digests) {
      const referenced = await db('registry_files').where({ digest }).first();
      if (!referenced) {
        await assets.remove(digest);
      }
    }
  }

  async function getRemote(name: string): Promise<RemoteSummary> {
    const remote = await db<RemoteRow>('registry_remotes').where({ name }).first();
    if (!remote) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    const versions = await db<VersionRow>('registry_versions')
      .where({ remote_name: name })
      .orderBy('published_at');
    return summarize(remote, versions);
  }

  // SQLite serialises writers anyway and only warns about row locks.
  const isPostgres = String(db.client.config.client).startsWith('pg');

  return {
    async publishUpload({ name, archive, actor }) {
      const files = await readArchive(archive, config);
      const { descriptor, federationManifest, entryPath } = validateBundle(files, name);
      const fileRows = [...files.entries()].map(([path, bytes]) => ({
        path,
        bytes,
        digest: sha384Hex(bytes),
        size: bytes.length,
        content_type: lookupContentType(path) || 'application/octet-stream',
      }));
      const entry = fileRows.find(file => file.path === entryPath)!;
      return recordVersion(
        {
          name,
          owner: descriptor.owner,
          federationManifest,
          files: fileRows,
          row: {
            remote_name: name,
            version: descriptor.version,
            source: 'upload',
            entry: entryPath,
            integrity: toIntegrity(entry.digest),
            content_digest: bundleDigest(fileRows),
            route: descriptor.route,
            title: descriptor.title,
            description: descriptor.description ?? null,
            published_by: actor,
          },
        },
        actor,
      );
    },

    async publishExternal({ name, request, actor }) {
      const fetched = await fetchExternalRemote(request.manifestUrl, options.fetch ?? fetch);
      const federationManifest = parseFederationManifest(fetched.manifestJson, 'manifestUrl');
      checkFederationManifest(federationManifest, name, 'manifestUrl');
      const entry = await fetched.fetchEntry(federationManifest);
      const integrity = toIntegrity(entry.digest);
      return recordVersion(
        {
          name,
          owner: request.owner,
          federationManifest,
          files: [],
          row: {
            remote_name: name,
            version: request.version,
            source: 'url',
            entry: entry.url,
            integrity,
            content_digest: sha384Hex(`${entry.url}\0${integrity}`),
            route: request.route,
            title: request.title,
            description: request.description ?? null,
            published_by: actor,
          },
        },
        actor,
      );
    },

    async setLive({ name, version }) {
      await db.transaction(async tx => {
        const query = tx<RemoteRow>('registry_remotes').where({ name });
        const remote = await (isPostgres ? query.forUpdate() : query).first();
        if (!remote) {
          throw new NotFoundError(`No remote named ${name}`);
        }
        const target = await tx<VersionRow>('registry_versions')
          .where({ remote_name: name, version })
          .first();
        if (!target) {
          throw new NotFoundError(`version: ${name} has no version ${version}`);
        }
        const clash = await tx('registry_remotes as r')
          .join('registry_versions as v', function joinLive() {
            this.on('v.remote_name', '=', 'r.name').andOn('v.version', '=', 'r.live_version');
          })
          .whereNot('r.name', name)
          .andWhere('v.route', target.route)
          .first('r.name');
        if (clash) {
          throw new ConflictError(`route: ${target.route} is already served by ${clash.name}`);
        }
        await tx('registry_remotes')
          .where({ name })
          .update({ live_version: version, updated_at: new Date().toISOString() });
      });
      return getRemote(name);
    },

    async listRemotes() {
      const remotes = await db<RemoteRow>('registry_remotes').orderBy('name');
      const versions = await db<VersionRow>('registry_versions').orderBy('published_at');
      return remotes.map(remote => summarize(remote, versions));
    },

    getRemote,

    async getManifest(): Promise<RegistryManifest> {
      const rows: Array<VersionRow & { owner: string }> = await db('registry_remotes as r')
        .join('registry_versions as v', function joinLive() {
          this.on('v.remote_name', '=', 'r.name').andOn('v.version', '=', 'r.live_version');
        })
        .orderBy('v.title')
        .select('v.*', 'r.owner');
      return {
        remotes: rows.map(
          (row): ManifestRemote => ({
            name: row.remote_name,
            version: row.version,
            entry: entryUrl(row),
            ...(row.integrity ? { integrity: row.integrity } : {}),
            route: row.route,
            title: row.title,
            owner: row.owner,
            ...(row.description ? { description: row.description } : {}),
          }),
        ),
      };
    },

    async getAsset({ name, version, path }) {
      const file = await db<FileRow & { remote_name: string; version: string }>('registry_files')
        .where({ remote_name: name, version, path })
        .first();
      if (!file) {
        throw new NotFoundError(`No file ${path} in ${name}@${version}`);
      }
      return { contentType: file.content_type, size: file.size, body: assets.open(file.digest) };
    },
  };
}

