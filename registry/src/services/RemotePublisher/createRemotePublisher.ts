import { ConflictError } from '@backstage/errors';
import { Knex } from 'knex';
import { findRemote, insertRemote } from '../../database/operations/remotes/remotes';
import { insertFiles, isDigestReferenced } from '../../database/operations/files/files';
import { findVersion, insertVersion } from '../../database/operations/versions/versions';
import { toVersionSummary, VersionRow } from '../../database/tables';
import { RegistryConfig } from '../../config';
import { UnprocessableError } from '../../errors';
import { Actor } from '../actor';
import { AssetStore } from '../AssetStore';
import { describeCompatibilityProblems, ShellContracts } from '../ShellContracts';
import { OwnedPayload, prepareExternalPayload, prepareUploadPayload } from './preparePayload';
import { PreparedPublish, PublishPayload, PublishResult, RemotePublisher } from './types';

export interface RemotePublisherOptions {
  database: Knex;
  assets: AssetStore;
  /** Upload limits. */
  config: RegistryConfig;
  /** Where version entries are served, e.g. `http://localhost:7007/api/registry/assets`. */
  assetBaseUrl: string;
  /** The gate each publish passes through. */
  shellContracts: ShellContracts;
  /** Fetches remotes hosted elsewhere; tests replace it. */
  fetch?: typeof fetch;
  now?: () => Date;
}

export function createRemotePublisher(options: RemotePublisherOptions): RemotePublisher {
  const { database: db, assets, assetBaseUrl, shellContracts } = options;
  const now = options.now ?? (() => new Date());

  async function toPrepared(name: string, { owner, payload }: OwnedPayload): Promise<PreparedPublish> {
    return {
      name,
      owner,
      version: payload.row.version,
      compatibilityProblems: await shellContracts.findProblems(payload.federationManifest.shared),
      payload,
    };
  }

  function settleExisting(existing: VersionRow, name: string, payload: PublishPayload): PublishResult {
    if (existing.content_digest !== payload.row.content_digest) {
      throw new ConflictError(
        `version: ${name}@${payload.row.version} is already published with different files; ` +
          'versions are immutable, publish a new version',
      );
    }
    return { created: false, version: toVersionSummary(existing, assetBaseUrl) };
  }

  /** Writes the blobs an upload brings; resolves the digests this call created. */
  async function storeBlobs(payload: PublishPayload, created: string[]) {
    for (const file of payload.files) {
      if (await assets.put(file.digest, file.bytes)) {
        created.push(file.digest);
      }
    }
  }

  async function removeUnreferencedBlobs(digests: string[]) {
    for (const digest of digests) {
      if (!(await isDigestReferenced(db, digest))) {
        await assets.remove(digest);
      }
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
    async prepareUpload({ name, archive }) {
      return toPrepared(name, await prepareUploadPayload(name, archive, options.config));
    },

    async prepareExternal({ name, request }) {
      return toPrepared(name, await prepareExternalPayload(name, request, options.fetch ?? fetch));
    },

    /**
     * Blobs are written first (immutable and content-addressed), then the rows in one
     * transaction; if that fails, the blobs this call created are removed again unless a row
     * from another publish now points at them.
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
      const created: string[] = [];
      try {
        await storeBlobs(payload, created);
        await storeRows(prepared, actor);
      } catch (error) {
        await removeUnreferencedBlobs(created);
        // Two publishes of one version raced: the loser settles against the winner's row.
        const winner = await findVersion(db, name, version);
        if (winner && !(error instanceof ConflictError)) {
          return settleExisting(winner, name, payload);
        }
        throw error;
      }
      return { created: true, version: toVersionSummary((await findVersion(db, name, version))!, assetBaseUrl) };
    },
  };
}
