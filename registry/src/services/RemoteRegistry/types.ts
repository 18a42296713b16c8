import {
  RegistryManifest,
  RemoteSummary,
  RemoteVersionSummary,
} from '@portico/contract';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { externalPublishSchema } from '../../bundle/schemas';

/** Who did something, as it is recorded: a user entity ref or a service subject. */
export type Actor = string;

/** Result of a publish: `created` is false when the same version with the same files existed. */
export interface PublishResult {
  created: boolean;
  version: RemoteVersionSummary;
}

export type ExternalPublishRequest = z.infer<typeof externalPublishSchema>;

/** A stored file, ready to be served. */
export interface RemoteAsset {
  contentType: string;
  size: number;
  body: Readable;
}

/** The registry of remotes: versions, live pointers and files. Throws errors, never statuses. */
export interface RemoteRegistryService {
  publishUpload(options: { name: string; archive: Buffer; actor: Actor }): Promise<PublishResult>;
  publishExternal(options: { name: string; request: ExternalPublishRequest; actor: Actor }): Promise<PublishResult>;
  setLive(options: { name: string; version: string; actor: Actor }): Promise<RemoteSummary>;
  listRemotes(): Promise<RemoteSummary[]>;
  getRemote(name: string): Promise<RemoteSummary>;
  getManifest(): Promise<RegistryManifest>;
  getAsset(options: { name: string; version: string; path: string }): Promise<RemoteAsset>;
}
