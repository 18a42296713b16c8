import {
  AuditEntry,
  LiveHistoryEntry,
  RegistryManifest,
  RemoteVersionSummary,
} from '@portico/contract';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { externalPublishSchema } from '../../bundle/schemas';
import { RegistryRemoteResource } from '../../permissions';
import { CompatibilityProblem, ShellContract } from './compatibility';

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

/** A remote as stored, before any caller-specific view (permissions) is applied. */
export interface StoredRemote {
  name: string;
  owner: string;
  title: string;
  route: string;
  description?: string;
  liveVersion?: string;
  canary?: { version: string; percent: number };
  visibleTo: string[];
  deprecation?: { sunset: string; message?: string };
  versions: RemoteVersionSummary[];
}

/** What a change of the live pointer or canary did, for the audit trail. */
export interface LiveChange {
  kind: LiveHistoryEntry['kind'];
  fromVersion: string | null;
  toVersion: string | null;
}

export interface ShellContractResult {
  contract: ShellContract;
  /** Live or canary versions the new contract cannot satisfy. */
  wouldBreak: Array<{ remote: string; version: string; problems: CompatibilityProblem[] }>;
}

/** The registry of remotes: versions, live pointers and files. Throws errors, never statuses. */
export interface RemoteRegistryService {
  /** What the permission rules need to decide on a remote; undefined when there is none. */
  getResource(name: string): Promise<RegistryRemoteResource | undefined>;
  /** Unpacks and checks an upload; the owner it names is needed to authorize before storing. */
  prepareUpload(options: { name: string; archive: Buffer }): Promise<PreparedPublish>;
  prepareExternal(options: { name: string; request: ExternalPublishRequest }): Promise<PreparedPublish>;
  publish(prepared: PreparedPublish, actor: Actor): Promise<PublishResult>;
  promote(options: { name: string; version: string; percent?: number; actor: Actor }): Promise<LiveChange>;
  rollback(options: { name: string; actor: Actor }): Promise<LiveChange>;
  deprecate(options: { name: string; version?: string; sunset: string; message?: string }): Promise<void>;
  setVisibility(options: { name: string; groups: string[] }): Promise<void>;
  getRemote(name: string): Promise<StoredRemote>;
  /** Every remote `isVisible` admits (the caller's read permission, applied to each). */
  listRemotes(isVisible: (remote: RegistryRemoteResource) => boolean): Promise<StoredRemote[]>;
  getHistory(name: string): Promise<LiveHistoryEntry[]>;
  /** The live (or, for users in a canary, the canary) version of each remote `isVisible` admits. */
  getManifest(options: {
    userRef: string;
    isVisible: (remote: RegistryRemoteResource) => boolean;
  }): Promise<RegistryManifest>;
  getAsset(options: { name: string; version: string; path: string }): Promise<RemoteAsset>;
  registerShellContract(options: { contract: ShellContract; actor: Actor }): Promise<ShellContractResult>;
  getShellContract(): Promise<ShellContract | undefined>;
  recordAudit(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void>;
  listAudit(options: { limit: number; remote?: string }): Promise<AuditEntry[]>;
}

/** A checked publish, ready to be authorized and stored. */
export interface PreparedPublish {
  name: string;
  owner: string;
  version: string;
  /** Set when the live shell cannot provide what the remote needs; publish refuses it. */
  compatibilityProblems: CompatibilityProblem[];
  /** @internal the rows and files to store */
  payload: unknown;
}
