import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { REMOTE_DESCRIPTOR_FILE } from '@portico/contract';
import { contentTypeOf } from '../../bundle/allowedFileTypes';
import { ArchiveLimits, readArchive, UnpackedFile } from '../../bundle/readArchive';
import { checkFederationManifest, parseFederationManifest, validateBundle } from '../../bundle/validateBundle';
import { UnprocessableError } from '../../errors';
import { sha384Hex, toIntegrity } from '../AssetStore';
import { ExternalFetchOptions, fetchExternalRemote } from './fetchExternalRemote';
import { ExternalPublishRequest, PublishPayload, UploadedFile } from './types';

/** A payload and the owner its publisher names. */
export interface OwnedPayload {
  owner: string;
  payload: PublishPayload;
  /** Removes what preparing it left behind (an upload's temporary files). */
  dispose(): Promise<void>;
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

function toUploadedFile({ path, tempPath, digest, size }: UnpackedFile): UploadedFile {
  // validateBundle has refused every path without a content type.
  return { path, tempPath, digest, size, content_type: contentTypeOf(path)! };
}

/**
 * Unpacks an upload into a temporary folder of its own (`<storage>/.upload-*`, on the same disk
 * as the blobs, never shared with another upload) and checks it is a remote's dist folder for
 * `name`, owned by `owner` (the owner the publish was authorized for). The folder is removed on
 * failure here, else by the payload's `dispose`.
 */
export async function prepareUploadPayload(
  name: string,
  owner: string,
  archive: Readable,
  config: ArchiveLimits & { storageDirectory: string },
): Promise<OwnedPayload> {
  await mkdir(config.storageDirectory, { recursive: true });
  const directory = await mkdtemp(join(config.storageDirectory, '.upload-'));
  const dispose = () => rm(directory, { recursive: true, force: true });
  try {
    return await checkUpload(name, owner, await readArchive(archive, directory, config), dispose);
  } catch (error) {
    await dispose();
    throw error;
  }
}

async function checkUpload(
  name: string,
  owner: string,
  unpacked: UnpackedFile[],
  dispose: () => Promise<void>,
): Promise<OwnedPayload> {
  const { descriptor, federationManifest, entryPath } = await validateBundle(unpacked, name);
  if (descriptor.owner !== owner) {
    throw new UnprocessableError(
      `${REMOTE_DESCRIPTOR_FILE}: owner "${descriptor.owner}" differs from ${name}'s owner "${owner}"`,
    );
  }
  const files = unpacked.map(toUploadedFile);
  const entry = files.find(file => file.path === entryPath)!;
  return {
    owner,
    dispose,
    payload: {
      federationManifest,
      files,
      row: {
        remote_name: name,
        version: descriptor.version,
        source: 'upload',
        entry: entryPath,
        integrity: toIntegrity(entry.digest),
        content_digest: bundleDigest(files),
        route: descriptor.route,
        title: descriptor.title,
        description: descriptor.description ?? null,
      },
    },
  };
}

/**
 * Fetches a remote hosted elsewhere, checks its federation manifest, hashes its entry and checks
 * that the entry pins every file the manifest lists.
 */
export async function prepareExternalPayload(
  name: string,
  request: ExternalPublishRequest,
  fetchOptions: ExternalFetchOptions,
): Promise<OwnedPayload> {
  const fetched = await fetchExternalRemote(request.manifestUrl, fetchOptions);
  const federationManifest = parseFederationManifest(fetched.manifestJson, 'manifestUrl');
  checkFederationManifest(federationManifest, name, 'manifestUrl');
  const entry = await fetched.fetchEntry(federationManifest);
  const integrity = toIntegrity(entry.digest);
  return {
    owner: request.owner,
    dispose: async () => {},
    payload: {
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
    },
  };
}
