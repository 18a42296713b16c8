import { ConflictError, NotFoundError } from '@backstage/errors';
import { AuditEntry, LiveHistoryEntry, ManifestRemote } from '@portico/contract';
import { Knex } from 'knex';
import { lookup as lookupContentType } from 'mime-types';
import { readArchive } from '../../bundle/readArchive';
import {
  checkFederationManifest,
  parseFederationManifest,
  validateBundle,
} from '../../bundle/validateBundle';
import { FederationManifest } from '../../bundle/schemas';
import { RegistryConfig } from '../../config';
import { RegistryRemoteResource } from '../../permissions';
import { AssetStore, sha384Hex, toIntegrity } from '../AssetStore';
import { AssetSigner } from '../AssetSigner';
import { isInCanary } from './canary';
import { findCompatibilityProblems, ShellContract } from './compatibility';
import { fetchExternalRemote } from './fetchExternalRemote';
import {
  deprecationOf,
  entryUrlOf,
  FileRow,
  parseVisibleTo,
  RemoteRow,
  toIso,
  toVersionSummary,
  VersionRow,
} from './rows';
import {
  Actor,
  LiveChange,
  PreparedPublish,
  PublishResult,
  RemoteRegistryService,
  StoredRemote,
} from './types';

/** Everything a new version is made of, whatever its source. */
interface PublishPayload {
  row: Omit<VersionRow, 'published_at' | 'published_by' | 'federation_manifest' | 'sunset_at' | 'deprecation_message'>;
  federationManifest: FederationManifest;
  files: Array<FileRow & { bytes?: Buffer }>;
}

export interface RemoteRegistryOptions {
  database: Knex;
  assets: AssetStore;
  config: RegistryConfig;
  /** External base URL of the registry plugin, e.g. `http://localhost:7007/api/registry`. */
  externalBaseUrl: string;
  fetch?: typeof fetch;
  /** The clock, for sunsets; tests move it. */
  now?: () => Date;
  /** Signs asset URLs of remotes limited to some groups (see AssetSigner). */
  signer: AssetSigner;
}

/** Digest over the sorted list of (path, file digest): equal bundles have equal digests. */
function bundleDigest(files: Array<{ path: string; digest: string }>): string {
  return sha384Hex(
    files
      .map(file => `${file.path}\0${file.digest}`)
      .sort()
      .join('\n'),
  );
}

function isPast(value: string | Date | null, now: Date): boolean {
  return value !== null && new Date(value).getTime() <= now.getTime();
}

export function createRemoteRegistry(options: RemoteRegistryOptions): RemoteRegistryService {
  const { database: db, assets, config } = options;
  const now = options.now ?? (() => new Date());
  const assetBaseUrl = `${options.externalBaseUrl.replace(/\/$/, '')}/assets`;
  // SQLite serialises writers anyway and only warns about row locks.
  const isPostgres = String(db.client.config.client).startsWith('pg');

  function lockRemote(tx: Knex.Transaction, name: string) {
    const query = tx<RemoteRow>('registry_remotes').where({ name });
    return (isPostgres ? query.forUpdate() : query).first();
  }

  async function requireRemote(tx: Knex | Knex.Transaction, name: string, lock = false): Promise<RemoteRow> {
    const remote = lock
      ? await lockRemote(tx as Knex.Transaction, name)
      : await tx<RemoteRow>('registry_remotes').where({ name }).first();
    if (!remote) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    return remote;
  }

  function toResource(row: RemoteRow): RegistryRemoteResource {
    return { name: row.name, owner: row.owner, visibleTo: parseVisibleTo(row) };
  }

  function summarize(remote: RemoteRow, versions: VersionRow[]): StoredRemote {
    const own = versions.filter(v => v.remote_name === remote.name);
    // Title and route follow the live version, or the newest one while nothing is live.
    const shown = own.find(v => v.version === remote.live_version) ?? own[own.length - 1];
    const deprecation = deprecationOf(remote);
    return {
      name: remote.name,
      owner: remote.owner,
      title: shown?.title ?? remote.name,
      route: shown?.route ?? '',
      ...(shown?.description ? { description: shown.description } : {}),
      ...(remote.live_version ? { liveVersion: remote.live_version } : {}),
      ...(remote.canary_version && remote.canary_percent !== null
        ? { canary: { version: remote.canary_version, percent: remote.canary_percent } }
        : {}),
      visibleTo: parseVisibleTo(remote),
      ...(deprecation ? { deprecation } : {}),
      versions: own.map(v => toVersionSummary(v, assetBaseUrl)),
    };
  }

  async function getShellContract(): Promise<ShellContract | undefined> {
    const row = await db('registry_shell_contracts').orderBy('id', 'desc').first();
    return row ? (JSON.parse(row.shared) as ShellContract) : undefined;
  }

  async function prepared(name: string, owner: string, payload: PublishPayload): Promise<PreparedPublish> {
    const contract = await getShellContract();
    return {
      name,
      owner,
      version: payload.row.version,
      compatibilityProblems: contract
        ? findCompatibilityProblems(payload.federationManifest.shared, contract)
        : [],
      payload,
    };
  }

  function settleExisting(existing: VersionRow, name: string, payload: PublishPayload): PublishResult {
    if (existing.content_digest !== payload.row.content_digest) {
      throw new ConflictError(
        `version: ${name}@${payload.row.version} is already published with different files; versions are immutable, publish a new version`,
      );
    }
    return { created: false, version: toVersionSummary(existing, assetBaseUrl) };
  }

  async function removeUnreferencedBlobs(digests: string[]) {
    for (const digest of digests) {
      const referenced = await db('registry_files').where({ digest }).first();
      if (!referenced) {
        await assets.remove(digest);
      }
    }
  }

  /** Appends to the history and moves the pointers, inside the caller's transaction. */
  async function recordLiveChange(
    tx: Knex.Transaction,
    name: string,
    change: LiveChange,
    actor: Actor,
    pointers: Partial<Pick<RemoteRow, 'live_version' | 'canary_version' | 'canary_percent'>>,
  ) {
    await tx('registry_remotes').where({ name }).update({ ...pointers, updated_at: now().toISOString() });
    await tx('registry_live_history').insert({
      remote_name: name,
      kind: change.kind,
      from_version: change.fromVersion,
      to_version: change.toVersion,
      actor,
      at: now().toISOString(),
    });
  }

  const service: RemoteRegistryService = {
    async getResource(name) {
      const row = await db<RemoteRow>('registry_remotes').where({ name }).first();
      return row ? toResource(row) : undefined;
    },

    async prepareUpload({ name, archive }) {
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
      return prepared(name, descriptor.owner, {
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
        },
      });
    },

    async prepareExternal({ name, request }) {
      const fetched = await fetchExternalRemote(request.manifestUrl, options.fetch ?? fetch);
      const federationManifest = parseFederationManifest(fetched.manifestJson, 'manifestUrl');
      checkFederationManifest(federationManifest, name, 'manifestUrl');
      const entry = await fetched.fetchEntry(federationManifest);
      const integrity = toIntegrity(entry.digest);
      return prepared(name, request.owner, {
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
        },
      });
    },

    /**
     * Records a version in one transaction. Blobs are written first (immutable and
     * content-addressed); if the transaction fails, the blobs this call created are removed
     * again unless a row from another publish now points at them.
     */
    async publish(preparedPublish, actor) {
      const { name, owner } = preparedPublish;
      const payload = preparedPublish.payload as PublishPayload;
      const findVersion = () =>
        db<VersionRow>('registry_versions').where({ remote_name: name, version: payload.row.version }).first();

      const existing = await findVersion();
      if (existing) {
        return settleExisting(existing, name, payload);
      }
      const created: string[] = [];
      try {
        for (const file of payload.files) {
          if (file.bytes && (await assets.put(file.digest, file.bytes))) {
            created.push(file.digest);
          }
        }
        const at = now().toISOString();
        await db.transaction(async tx => {
          const remote = await tx<RemoteRow>('registry_remotes').where({ name }).first();
          if (!remote) {
            await tx('registry_remotes').insert({
              name,
              owner,
              live_version: null,
              created_by: actor,
              created_at: at,
              updated_at: at,
            });
          } else if (remote.owner !== owner) {
            throw new ConflictError(`owner: ${name} is owned by ${remote.owner}, but this version names ${owner}`);
          }
          await tx('registry_versions').insert({
            ...payload.row,
            published_by: actor,
            federation_manifest: JSON.stringify(payload.federationManifest),
            published_at: at,
          });
          if (payload.files.length > 0) {
            await tx.batchInsert(
              'registry_files',
              payload.files.map(file => ({
                remote_name: name,
                version: payload.row.version,
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
        const winner = await findVersion();
        if (winner && !(error instanceof ConflictError)) {
          return settleExisting(winner, name, payload);
        }
        throw error;
      }
      return { created: true, version: toVersionSummary((await findVersion())!, assetBaseUrl) };
    },

    async promote({ name, version, percent, actor }) {
      return db.transaction(async tx => {
        const remote = await requireRemote(tx, name, true);
        const target = await tx<VersionRow>('registry_versions').where({ remote_name: name, version }).first();
        if (!target) {
          throw new NotFoundError(`version: ${name} has no version ${version}`);
        }
        const at = now();
        if (isPast(remote.sunset_at, at)) {
          throw new ConflictError(`remote: ${name} was deprecated with a sunset of ${toIso(remote.sunset_at!)}; it can no longer be promoted`);
        }
        if (isPast(target.sunset_at, at)) {
          throw new ConflictError(`version: ${name}@${version} passed its sunset of ${toIso(target.sunset_at!)}; it can no longer be promoted`);
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

        if (percent !== undefined && percent < 100) {
          if (!remote.live_version) {
            throw new ConflictError(`percent: ${name} has no live version yet; promote one fully before starting a canary`);
          }
          if (remote.live_version === version) {
            throw new ConflictError(`version: ${name}@${version} is already live; a canary needs another version`);
          }
          const change: LiveChange = { kind: 'canary-start', fromVersion: remote.live_version, toVersion: version };
          await recordLiveChange(tx, name, change, actor, { canary_version: version, canary_percent: percent });
          return change;
        }
        if (remote.live_version === version && !remote.canary_version) {
          // Already live: nothing moves, so nothing enters the history rollback walks.
          return { kind: 'promote', fromVersion: version, toVersion: version };
        }
        const change: LiveChange = {
          kind: remote.canary_version === version ? 'canary-complete' : 'promote',
          fromVersion: remote.live_version,
          toVersion: version,
        };
        await recordLiveChange(tx, name, change, actor, {
          live_version: version,
          canary_version: null,
          canary_percent: null,
        });
        return change;
      });
    },

    async rollback({ name, actor }) {
      return db.transaction(async tx => {
        const remote = await requireRemote(tx, name, true);
        if (remote.canary_version) {
          const change: LiveChange = { kind: 'canary-cancel', fromVersion: remote.canary_version, toVersion: remote.live_version };
          await recordLiveChange(tx, name, change, actor, { canary_version: null, canary_percent: null });
          return change;
        }
        if (!remote.live_version) {
          throw new ConflictError(`remote: ${name} has no live version to roll back`);
        }
        // The move that made the current version live (rollbacks excluded, so that a second
        // rollback keeps walking back instead of undoing the first).
        const arrival = await tx('registry_live_history')
          .where({ remote_name: name, to_version: remote.live_version })
          .whereIn('kind', ['promote', 'canary-complete'])
          .orderBy('id', 'desc')
          .first();
        if (!arrival?.from_version) {
          throw new ConflictError(`remote: ${name}@${remote.live_version} is the first live version; there is nothing to roll back to`);
        }
        const change: LiveChange = { kind: 'rollback', fromVersion: remote.live_version, toVersion: arrival.from_version };
        await recordLiveChange(tx, name, change, actor, { live_version: arrival.from_version });
        return change;
      });
    },

    async deprecate({ name, version, sunset, message }) {
      const values = { sunset_at: new Date(sunset).toISOString(), deprecation_message: message ?? null };
      await requireRemote(db, name);
      if (version) {
        const updated = await db('registry_versions').where({ remote_name: name, version }).update(values);
        if (updated === 0) {
          throw new NotFoundError(`version: ${name} has no version ${version}`);
        }
      } else {
        await db('registry_remotes').where({ name }).update(values);
      }
    },

    async setVisibility({ name, groups }) {
      await requireRemote(db, name);
      await db('registry_remotes')
        .where({ name })
        .update({ visible_to: groups.length ? JSON.stringify([...new Set(groups)].sort()) : null });
    },

    async getRemote(name) {
      const remote = await requireRemote(db, name);
      const versions = await db<VersionRow>('registry_versions').where({ remote_name: name }).orderBy('published_at');
      return summarize(remote, versions);
    },

    async listRemotes(isVisible) {
      const remotes = (await db<RemoteRow>('registry_remotes').orderBy('name')).filter(remote =>
        isVisible(toResource(remote)),
      );
      const versions = await db<VersionRow>('registry_versions').orderBy('published_at');
      return remotes.map(remote => summarize(remote, versions));
    },

    async getHistory(name) {
      await requireRemote(db, name);
      const rows = await db('registry_live_history').where({ remote_name: name }).orderBy('id', 'desc');
      return rows.map(
        (row): LiveHistoryEntry => ({
          kind: row.kind,
          fromVersion: row.from_version,
          toVersion: row.to_version,
          actor: row.actor,
          at: toIso(row.at),
        }),
      );
    },

    async getManifest({ userRef, isVisible }) {
      const remotes = (await db<RemoteRow>('registry_remotes').whereNotNull('live_version')).filter(remote =>
        isVisible(toResource(remote)),
      );
      const versions = await db<VersionRow>('registry_versions').whereIn(
        'remote_name',
        remotes.map(remote => remote.name),
      );
      const entries = await Promise.all(remotes.map(async (remote): Promise<ManifestRemote> => {
        const canary =
          remote.canary_version !== null &&
          remote.canary_percent !== null &&
          isInCanary(userRef, remote.name, remote.canary_percent);
        const servedVersion = canary ? remote.canary_version : remote.live_version;
        const row = versions.find(v => v.remote_name === remote.name && v.version === servedVersion)!;
        const deprecation = deprecationOf(row) ?? deprecationOf(remote);
        // Files of a remote limited to some groups are served only under a signed prefix.
        const signedPrefix =
          parseVisibleTo(remote).length > 0 && row.source === 'upload'
            ? `${await options.signer.sign({ name: remote.name, version: row.version, subject: userRef })}/`
            : '';
        return {
          name: remote.name,
          version: row.version,
          entry: signedPrefix ? `${assetBaseUrl}/${row.remote_name}/${row.version}/${signedPrefix}${row.entry}` : entryUrlOf(row, assetBaseUrl),
          ...(row.integrity ? { integrity: row.integrity } : {}),
          route: row.route,
          title: row.title,
          owner: remote.owner,
          ...(row.description ? { description: row.description } : {}),
          track: canary ? 'canary' : 'stable',
          ...(deprecation ? { deprecation } : {}),
        };
      }));
      return { remotes: entries.sort((a, b) => a.title.localeCompare(b.title)) };
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

    async registerShellContract({ contract, actor }) {
      const remotes = await db<RemoteRow>('registry_remotes').whereNotNull('live_version');
      const wouldBreak: Awaited<ReturnType<RemoteRegistryService['registerShellContract']>>['wouldBreak'] = [];
      for (const remote of remotes) {
        for (const version of [remote.live_version, remote.canary_version]) {
          if (!version) continue;
          const row = await db<VersionRow>('registry_versions').where({ remote_name: remote.name, version }).first();
          const manifest = JSON.parse(row!.federation_manifest) as FederationManifest;
          const problems = findCompatibilityProblems(manifest.shared, contract);
          if (problems.length > 0) wouldBreak.push({ remote: remote.name, version, problems });
        }
      }
      await db('registry_shell_contracts').insert({
        shared: JSON.stringify(contract),
        registered_by: actor,
        registered_at: now().toISOString(),
      });
      return { contract, wouldBreak };
    },

    getShellContract,

    async recordAudit(entry) {
      await db('registry_audit').insert({
        at: now().toISOString(),
        actor: entry.actor,
        action: entry.action,
        remote_name: entry.remote,
        from_version: entry.fromVersion,
        to_version: entry.toVersion,
        outcome: entry.outcome,
        detail: entry.detail,
      });
    },

    async listAudit({ limit, remote }) {
      const query = db('registry_audit').orderBy('id', 'desc').limit(limit);
      if (remote) query.where({ remote_name: remote });
      const rows = await query;
      return rows.map(
        (row): AuditEntry => ({
          id: row.id,
          at: toIso(row.at),
          actor: row.actor,
          action: row.action,
          remote: row.remote_name,
          fromVersion: row.from_version,
          toVersion: row.to_version,
          outcome: row.outcome,
          detail: row.detail,
        }),
      );
    },
  };
  return service;
}
