import { RemoteVersionSummary } from '@portico/contract';
import { Readable } from 'node:stream';
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

/**
 * Where a new version comes from: an upload of its dist folder (a gzipped tar, not yet read, and
 * the owner the request names for a new remote), or a remote hosted elsewhere.
 */
export type PublishSource = { archive: Readable; owner?: string } | { external: ExternalPublishRequest };

/** A file of an upload, with the temporary file holding the bytes the asset store keeps. */
export type UploadedFile = Omit<FileRow, 'remote_name' | 'version'> & { tempPath: string };

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
  /** Frees what preparing it holds (an upload's temporary files and its upload slot); call it once, last. */
  dispose(): Promise<void>;
}

/** Result of a publish: `created` is false when the same version with the same files existed. */
export interface PublishResult {
  created: boolean;
  version: RemoteVersionSummary;
}

/** Takes in new versions: checks them, then stores their files and rows. */
export interface RemotePublisher {
  /**
   * Streams an upload to temporary files and checks it, for a publish already authorized for
   * `owner`, which the upload's descriptor must name. `uploader` (who sends it) may have only so
   * many uploads in progress (TooManyRequestsError); the slot is held until `dispose`.
   */
  prepareUpload(options: {
    name: string;
    owner: string;
    archive: Readable;
    uploader: string;
  }): Promise<PreparedPublish>;
  /** Fetches and checks a remote hosted elsewhere. */
  prepareExternal(options: { name: string; request: ExternalPublishRequest }): Promise<PreparedPublish>;
  /**
   * Stores a prepared version. An identical republish is not an error (`created: false`) and
   * restores any of the version's stored files that has gone missing; the
   * same version with other files is a ConflictError, and a version the registered shell cannot
   * run an UnprocessableError.
   */
  publish(prepared: PreparedPublish, actor: Actor): Promise<PublishResult>;
}
