import { RemoteVersionSummary } from '@portico/contract';
import { FederationManifest } from '../../bundle/federationManifest';
import { FileRow, VersionRow } from '../../database/tables';
import { Actor } from '../actor';
import { CompatibilityProblem } from '../ShellContracts';

/** A remote hosted elsewhere, as its publisher describes it. */
export interface ExternalPublishRequest {
  version: string;
  manifestUrl: string;
  route: string;
  title: string;
  owner: string;
  description?: string;
}

/** Where a new version comes from: an uploaded archive of its dist folder, or another host. */
export type PublishSource = { archive: Buffer } | { external: ExternalPublishRequest };

/** A file of an upload, with the bytes the asset store keeps. */
export type UploadedFile = Omit<FileRow, 'remote_name' | 'version'> & { bytes: Buffer };

/** Everything a new version is made of, whatever its source. */
export interface PublishPayload {
  row: Omit<VersionRow, 'published_at' | 'published_by' | 'federation_manifest' | 'sunset_at' | 'deprecation_message'>;
  federationManifest: FederationManifest;
  files: UploadedFile[];
}

/** A checked publish, ready to be authorized and stored. */
export interface PreparedPublish {
  name: string;
  owner: string;
  version: string;
  /** Set when the registered shell cannot provide what the remote needs; publish refuses it. */
  compatibilityProblems: CompatibilityProblem[];
  payload: PublishPayload;
}

/** Result of a publish: `created` is false when the same version with the same files existed. */
export interface PublishResult {
  created: boolean;
  version: RemoteVersionSummary;
}

/** Takes in new versions: checks them, then stores their files and rows. */
export interface RemotePublisher {
  /** Unpacks and checks an upload; the owner it names is needed to authorize before storing. */
  prepareUpload(options: { name: string; archive: Buffer }): Promise<PreparedPublish>;
  /** Fetches and checks a remote hosted elsewhere. */
  prepareExternal(options: { name: string; request: ExternalPublishRequest }): Promise<PreparedPublish>;
  /**
   * Stores a prepared version. An identical republish is not an error (`created: false`); the
   * same version with other files is a ConflictError, and a version the registered shell cannot
   * run an UnprocessableError.
   */
  publish(prepared: PreparedPublish, actor: Actor): Promise<PublishResult>;
}
