import { InputError } from '@backstage/errors';
import { readFile } from 'node:fs/promises';
import {
  FEDERATION_MANIFEST_FILE,
  REMOTE_DESCRIPTOR_FILE,
  REMOTE_EXPOSED_MODULE,
  RemoteDescriptor,
} from '@portico/contract';
import { remoteDescriptorSchema } from '@portico/contract/schemas';
import { z } from 'zod';
import { UnprocessableError } from '../errors';
import { parseWithSchema } from '../parseWithSchema';
import { contentTypeOf, extensionOf, SOURCE_MAP_EXTENSION } from './allowedFileTypes';
import { entryPathOf, FederationManifest, federationManifestSchema } from './federationManifest';

/** A checked upload: who it says it is, and where its entry lives inside the bundle. */
export interface ValidatedBundle {
  descriptor: RemoteDescriptor;
  federationManifest: FederationManifest;
  /** Bundle-relative path of `remoteEntry.js`. */
  entryPath: string;
}

/** A file of an unpacked upload: its bundle path and the temporary file holding its bytes. */
export interface BundleFile {
  path: string;
  tempPath: string;
}

async function parseJsonFile<T>(
  files: Map<string, BundleFile>,
  path: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
): Promise<T> {
  const file = files.get(path);
  if (!file) {
    throw new InputError(`${path}: missing from the upload; is this the dist folder of a remote build?`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file.tempPath, 'utf8'));
  } catch (error) {
    throw new InputError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseWithSchema(schema, json, path);
}

/** Checks that a federation manifest belongs to `remoteName` and exposes `./plugin`. */
export function checkFederationManifest(manifest: FederationManifest, remoteName: string, source: string) {
  if (manifest.name !== remoteName) {
    throw new InputError(
      `${source}: federation name "${manifest.name}" differs from the remote's name "${remoteName}"`,
    );
  }
  if (!manifest.exposes.some(expose => expose.path === REMOTE_EXPOSED_MODULE)) {
    throw new InputError(`${source}: exposes: the remote must expose "${REMOTE_EXPOSED_MODULE}"`);
  }
}

/** Parses a federation manifest's JSON with the schema, naming `source` in any error. */
export function parseFederationManifest(json: unknown, source: string): FederationManifest {
  return parseWithSchema(federationManifestSchema, json, source);
}

/**
 * Refuses (422, naming the file) a file whose type a remote does not need, and a source map
 * unless the descriptor asks for them: maps publish a team's sources to everyone who can load it.
 */
function checkFileTypes(files: Iterable<BundleFile>, descriptor: RemoteDescriptor) {
  for (const { path } of files) {
    if (!contentTypeOf(path)) {
      throw new UnprocessableError(`archive: file "${path}" is not a type a remote needs`);
    }
    if (extensionOf(path) === SOURCE_MAP_EXTENSION && descriptor.sourceMaps !== true) {
      throw new UnprocessableError(
        `archive: file "${path}" is a source map, and ${REMOTE_DESCRIPTOR_FILE} does not ask for them ` +
          '(sourceMaps: true, set by portico.sourceMaps in package.json)',
      );
    }
  }
}

/** Checks an unpacked upload for `remoteName` before anything is stored. */
export async function validateBundle(files: BundleFile[], remoteName: string): Promise<ValidatedBundle> {
  const byPath = new Map(files.map(file => [file.path, file]));
  const descriptor = await parseJsonFile(byPath, REMOTE_DESCRIPTOR_FILE, remoteDescriptorSchema);
  if (descriptor.name !== remoteName) {
    throw new InputError(
      `${REMOTE_DESCRIPTOR_FILE}: name "${descriptor.name}" differs from the remote being published, "${remoteName}"`,
    );
  }
  checkFileTypes(files, descriptor);
  const federationManifest = await parseJsonFile(byPath, FEDERATION_MANIFEST_FILE, federationManifestSchema);
  checkFederationManifest(federationManifest, remoteName, FEDERATION_MANIFEST_FILE);
  const entryPath = entryPathOf(federationManifest);
  if (!byPath.has(entryPath)) {
    throw new InputError(
      `${FEDERATION_MANIFEST_FILE}: metaData.remoteEntry points at "${entryPath}", which is not in the upload`,
    );
  }
  if (contentTypeOf(entryPath) !== 'application/javascript') {
    throw new UnprocessableError(
      `${FEDERATION_MANIFEST_FILE}: metaData.remoteEntry "${entryPath}" is not a JavaScript file`,
    );
  }
  return { descriptor, federationManifest, entryPath };
}
