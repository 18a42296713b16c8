import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { findRemote, insertRemote } from '../../database/operations/remotes/remotes';
import { insertFiles } from '../../database/operations/files/files';
import { findVersion, insertVersion } from '../../database/operations/versions/versions';
import { toVersionSummary, VersionRow } from '../../database/tables';
import { RegistryConfig } from '../../config';
import { UnprocessableError } from '../../errors';
import { Actor } from '../actor';
import { AssetStore } from '../AssetStore';
import { describeCompatibilityProblems, ShellContracts } from '../ShellContracts';
import { OwnedPayload, prepareExternalPayload, prepareUploadPayload } from './preparePayload';
import { ResolveHost } from './safeFetch';
import { PreparedPublish, PublishPayload, PublishResult, RemotePublisher } from './types';
import { UploadSlots } from './uploadSlots';

export interface RemotePublisherOptions {
  database: Knex;
  assets: AssetStore;
  /** Upload limits, and how many uploads one caller may have in progress. */
  config: RegistryConfig;
  /** Where version entries are served, e.g. `http://localhost:7007/api/registry/assets`. */
  assetBaseUrl: string;
  /** The gate each publish passes through. */
  shellContracts: ShellContracts;
  /** Resolves the host names of remotes hosted elsewhere; tests replace it. */
  resolveHost?: ResolveHost;
  now?: () => Date;
}

export function createRemotePublisher(options: RemotePublisherOptions): RemotePublisher {
  const { database: db, assets, assetBaseUrl, shellContracts } = options;
  const now = options.now ?? (() => new Date());
  const uploadSlots = new UploadSlots(options.config.maxConcurrentUploadsPerCaller);

  async function toPrepared(name: string, { owner, payload, dispose }: OwnedPayload): Promise<PreparedPublish> {
    try {
      const compatibilityProblems = await shellContracts.findProblems(payload.federationManifest.shared);
      return { name, owner, version: payload.row.version, compatibilityProblems, payload, dispose };
    } catch (error) {
      await dispose();
      throw error;
    }
  }

  /**
   * The answer to a publish of a version that exists: the same files are not an error, and their
   * blobs are checked and any missing one restored from this upload (a republish repairs).
   */
  async function settleExisting(existing: VersionRow, name: string, payload: PublishPayload): Promise<PublishResult> {
    if (existing.content_digest !== payload.row.content_digest) {
      throw new ConflictError(
        `version: ${name}@${payload.row.version} is already published with different files; ` +
          'versions are immutable, publish a new version',
      );
    }
    await storeBlobs(payload);
    return { created: false, version: toVersionSummary(existing, assetBaseUrl) };
  }

  /**
   * Writes the blobs an upload brings, or confirms the stored ones. Nothing is ever deleted here:
   * another publish of an identical file may rely on a blob this one wrote, so blobs left by a
   * failed publish are removed later by the scheduled sweep, after its grace period.
   */
  async function storeBlobs(payload: PublishPayload) {
    for (const file of payload.files) {
      await assets.put(file.digest, { path: file.tempPath, size: file.size });
    }
  }

  /** Inserts the remote (when new), the version and its files in one transaction. */
  async function storeRows({ name, owner, payload }: PreparedPublish, actor: Actor) {
    const at = now().toISOString();
    await db.transaction(async tx => {
      const remote = await findRemote(tx, name);
      if (!remote) {
        await insertRemote(tx, { name, owner, createdBy: actor, at });
      } else if (remote.owner !== owner) {
        throw new ConflictError(`owner: ${name} is owned by ${remote.owner}, but this version names ${owner}`);
      }
      await insertVersion(tx, {
        ...payload.row,
        published_by: actor,
        federation_manifest: JSON.stringify(payload.federationManifest),
        published_at: at,
      });
      await insertFiles(
        tx,
        payload.files.map(({ path, digest, size, content_type }) => ({
          remote_name: name,
          version: payload.row.version,
          path,
          digest,
          size,
          content_type,
        })),
      );
    });
  }

  return {
    async prepareUpload({ name, owner, archive, uploader }) {
      const release = uploadSlots.acquire(uploader);
      try {
        const prepared = await toPrepared(name, await prepareUploadPayload(name, owner, archive, options.config));
        const dispose = () => prepared.dispose().finally(release);
        return { ...prepared, dispose };
      } catch (error) {
        release();
        throw error;
      }
    },

    async prepareExternal({ name, request }) {
      const fetchOptions = { config: options.config.externalRemotes, resolveHost: options.resolveHost };
      return toPrepared(name, await prepareExternalPayload(name, request, fetchOptions));
    },

    /**
     * Blobs are written first (immutable and content-addressed), then the rows in one
     * transaction; blobs are never removed here, even when the rows fail.
     */
    async publish(prepared, actor) {
      const { name, version, payload } = prepared;
      if (prepared.compatibilityProblems.length > 0) {
        const problems = describeCompatibilityProblems(prepared.compatibilityProblems);
        throw new UnprocessableError(
          `shared: the live shell cannot provide what ${name}@${version} requires: ${problems}`,
        );
      }
      const existing = await findVersion(db, name, version);
      if (existing) {
        return settleExisting(existing, name, payload);
      }
      await storeBlobs(payload);
      try {
        await storeRows(prepared, actor);
      } catch (error) {
        // Two publishes of one version raced: the loser settles against the winner's row.
        const winner = await findVersion(db, name, version);
        if (winner && !(error instanceof ConflictError)) {
          return settleExisting(winner, name, payload);
        }
        throw error;
      }
      // Once more now that rows point at them: a sweep that saw a blob unreferenced just before
      // the commit may have removed it in between.
      await storeBlobs(payload);
      return { created: true, version: toVersionSummary((await findVersion(db, name, version))!, assetBaseUrl) };
    },
  };
}
