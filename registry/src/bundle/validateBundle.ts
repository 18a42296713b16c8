import { InputError } from '@backstage/errors';
import {
  FEDERATION_MANIFEST_FILE,
  REMOTE_DESCRIPTOR_FILE,
  REMOTE_EXPOSED_MODULE,
  RemoteDescriptor,
} from '@portico/contract';
import { remoteDescriptorSchema } from '@portico/contract/schemas';
import { z } from 'zod';
import { parseWithSchema } from '../parseWithSchema';
import { entryPathOf, FederationManifest, federationManifestSchema } from './federationManifest';

/** A checked upload: who it says it is, and where its entry lives inside the bundle. */
export interface ValidatedBundle {
  descriptor: RemoteDescriptor;
  federationManifest: FederationManifest;
  /** Bundle-relative path of `remoteEntry.js`. */
  entryPath: string;
}

function parseJsonFile<T>(files: Map<string, Buffer>, path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  const bytes = files.get(path);
  if (!bytes) {
    throw new InputError(`${path}: missing from the upload; is this the dist folder of a remote build?`);
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
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

/** Checks an unpacked upload for `remoteName` and `version` before anything is stored. */
export function validateBundle(files: Map<string, Buffer>, remoteName: string): ValidatedBundle {
  const descriptor = parseJsonFile(files, REMOTE_DESCRIPTOR_FILE, remoteDescriptorSchema);
  if (descriptor.name !== remoteName) {
    throw new InputError(
      `${REMOTE_DESCRIPTOR_FILE}: name "${descriptor.name}" differs from the remote being published, "${remoteName}"`,
    );
  }
  const federationManifest = parseJsonFile(files, FEDERATION_MANIFEST_FILE, federationManifestSchema);
  checkFederationManifest(federationManifest, remoteName, FEDERATION_MANIFEST_FILE);
  const entryPath = entryPathOf(federationManifest);
  if (!files.has(entryPath)) {
    throw new InputError(
      `${FEDERATION_MANIFEST_FILE}: metaData.remoteEntry points at "${entryPath}", which is not in the upload`,
    );
  }
  return { descriptor, federationManifest, entryPath };
}
