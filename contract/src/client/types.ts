import type { AuditEntry, LiveHistoryEntry, RegistryManifest, RemoteSummary } from '../types';

/**
 * Finds a backend plugin's base URL, such as `http://localhost:7007/api/registry`. Backstage's
 * `discoveryApiRef` implementation fits.
 */
export interface RegistryDiscovery {
  getBaseUrl(pluginId: string): Promise<string>;
}

/** Makes HTTP calls, adding credentials as it sees fit. Backstage's `fetchApiRef` implementation fits. */
export interface RegistryFetch {
  fetch: typeof fetch;
}

/** Where the client finds the registry: a discovery API, or the registry plugin's base URL. */
export type RegistryLocation = { discoveryApi: RegistryDiscovery } | { baseUrl: string };

/** Options of {@link createRegistryClient}. */
export type RegistryClientOptions = RegistryLocation & {
  /** Defaults to the global `fetch`, without credentials. */
  fetchApi?: RegistryFetch;
};

/** The answer to a publish: whether these files (or this URL) made a new version. */
export interface PublishResult {
  /** False when the same version was already published with identical content. */
  created: boolean;
  version: string;
}

/** A remote hosted elsewhere, registered by the URL of its `mf-manifest.json`. */
export interface ExternalPublishRequest {
  manifestUrl: string;
  version: string;
  route: string;
  title: string;
  /** Owning group, a catalog entity ref such as `group:default/payments-team`. */
  owner: string;
  description?: string;
}

/**
 * The gzipped tar of a built remote's dist folder. A stream is sent as it is read (Node's fetch,
 * or a browser that streams request bodies), which lets a caller count the bytes going out.
 */
export type RemoteArchive = Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;

/** What an upload sends besides the archive. */
export interface PublishArchiveOptions {
  /** The archive's size, sent as Content-Length when the archive is a stream. */
  contentLength?: number;
  /**
   * The remote's owner (a group entity ref, the `owner` of its `portico-remote.json`), sent in the
   * `X-Portico-Owner` header. The registry decides a publish before it reads the archive, so the
   * first publish of a remote needs it; later ones are judged by the stored owner.
   */
  owner?: string;
}

/** Makes a version live for everyone, or (with `percent` below 100) for a share of users. */
export interface PromoteRequest {
  version: string;
  percent?: number;
}

/** Deprecates a remote, or one version of it when `version` is given. */
export interface DeprecateRequest {
  version?: string;
  /** ISO 8601 date or date-time after which the remote (or version) cannot be promoted. */
  sunset: string;
  message?: string;
}

/** Filters of the audit trail. */
export interface AuditQuery {
  remote?: string;
  /** At most this many entries, newest first (the registry's default is 100). */
  limit?: number;
}

/** The exact version of each shared singleton a shell provides, by package name. */
export type ShellContract = Record<string, string>;

/** A shared package a live remote requires in a version the shell does not provide. */
export interface CompatibilityProblem {
  package: string;
  required: string;
  provided: string | null;
}

/** The answer to registering a shell contract: the contract and the live remotes it would break. */
export interface ShellContractRegistration {
  contract: ShellContract;
  wouldBreak: Array<{ remote: string; version: string; problems: CompatibilityProblem[] }>;
}

/**
 * The registry's HTTP API (`/api/registry`), one method per route. A non-2xx answer rejects with
 * `ResponseError` from `@backstage/errors`, which carries the server's status and error body.
 */
export interface RegistryClient {
  /** The live remotes the caller may see, as the shell loads them. */
  getManifest(): Promise<RegistryManifest>;
  /** Every remote the caller may see, with its tracks and versions. */
  listRemotes(): Promise<RemoteSummary[]>;
  getRemote(name: string): Promise<RemoteSummary>;
  /** Moves of the remote's live pointer and canary, newest first. */
  getHistory(name: string): Promise<LiveHistoryEntry[]>;
  /** Uploads a built remote (a gzipped tar of its dist folder) as a new version. */
  publishArchive(name: string, archive: RemoteArchive, options?: PublishArchiveOptions): Promise<PublishResult>;
  /** Registers a version hosted elsewhere by its manifest URL. */
  publishExternal(name: string, request: ExternalPublishRequest): Promise<PublishResult>;
  promote(name: string, request: PromoteRequest): Promise<RemoteSummary>;
  /** Cancels a canary, or moves the live pointer back to the previous version. */
  rollback(name: string): Promise<RemoteSummary>;
  deprecate(name: string, request: DeprecateRequest): Promise<RemoteSummary>;
  /** Limits who sees a remote to these groups; none means everyone signed in. */
  setVisibility(name: string, groups: string[]): Promise<RemoteSummary>;
  /** The audit trail (registry administrators only). */
  listAudit(query?: AuditQuery): Promise<AuditEntry[]>;
  /** The registered shell contract, or null before the first registration. */
  getShellContract(): Promise<ShellContract | null>;
  registerShellContract(shared: ShellContract): Promise<ShellContractRegistration>;
}
