import { lookup as lookupContentType } from 'mime-types';
import { readArchive } from '../../bundle/readArchive';
import { checkFederationManifest, parseFederationManifest, validateBundle } from '../../bundle/validateBundle';
import { RegistryConfig } from '../../config';
import { sha384Hex, toIntegrity } from '../AssetStore';
import { fetchExternalRemote } from './fetchExternalRemote';
import { ExternalPublishRequest, PublishPayload, UploadedFile } from './types';

/** A payload and the owner its publisher names. */
export interface OwnedPayload {
  owner: string;
  payload: PublishPayload;
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

function toUploadedFile(path: string, bytes: Buffer): UploadedFile {
  return {
    path,
    bytes,
    digest: sha384Hex(bytes),
    size: bytes.length,
    content_type: lookupContentType(path) || 'application/octet-stream',
  };
}

/** Unpacks an upload and checks it is a remote's dist folder for `name`. */
export async function prepareUploadPayload(
  name: string,
  archive: Buffer,
  limits: RegistryConfig,
): Promise<OwnedPayload> {
  const unpacked = await readArchive(archive, limits);
  const { descriptor, federationManifest, entryPath } = validateBundle(unpacked, name);
  const files = [...unpacked.entries()].map(([path, bytes]) => toUploadedFile(path, bytes));
  const entry = files.find(file => file.path === entryPath)!;
  return {
    owner: descriptor.owner,
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

/** Fetches a remote hosted elsewhere, checks its federation manifest and hashes its entry. */
export async function prepareExternalPayload(
  name: string,
  request: ExternalPublishRequest,
  fetchImpl: typeof fetch,
): Promise<OwnedPayload> {
  const fetched = await fetchExternalRemote(request.manifestUrl, fetchImpl);
  const federationManifest = parseFederationManifest(fetched.manifestJson, 'manifestUrl');
  checkFederationManifest(federationManifest, name, 'manifestUrl');
  const entry = await fetched.fetchEntry(federationManifest);
  const integrity = toIntegrity(entry.digest);
  return {
    owner: request.owner,
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
