import { LiveHistoryEntry, RemoteVersionSummary } from '@portico/contract';
import { Readable } from 'node:stream';
import { RegistryRemoteResource } from '../../permissions';

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

/** A stored file, ready to be served. */
export interface RemoteAsset {
  /** From the allowlist of file types a remote may have. */
  contentType: string;
  size: number;
  body: Readable;
}

/** The remotes the registry knows: what they are, their history and files, who may see them. */
export interface RemoteCatalog {
  /** What the permission rules need to decide on a remote; undefined when there is none. */
  getResource(name: string): Promise<RegistryRemoteResource | undefined>;
  /** A remote with all its versions; NotFoundError when there is none. */
  getRemote(name: string): Promise<StoredRemote>;
  /** Every remote `isVisible` admits, by name. */
  listRemotes(isVisible: (remote: RegistryRemoteResource) => boolean): Promise<StoredRemote[]>;
  /** Moves of the live pointer and canary, newest first. */
  getHistory(name: string): Promise<LiveHistoryEntry[]>;
  /** Gives a remote, or one of its versions, a sunset date and message. */
  deprecate(options: { name: string; version?: string; sunset: string; message?: string }): Promise<void>;
  /** Limits a remote to some groups; none makes it visible to everyone signed in. */
  setVisibility(options: { name: string; groups: string[] }): Promise<void>;
  /** One file of an uploaded version, if its type is one a remote may have (NotFoundError otherwise). */
  getAsset(options: { name: string; version: string; path: string }): Promise<RemoteAsset>;
}
