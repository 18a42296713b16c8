/**
 * Written by a remote's build as `portico-remote.json` beside `mf-manifest.json`, from the
 * `portico` block of the remote's package.json. The registry reads it at publish time.
 */
export interface RemoteDescriptor {
  /** Federation container name, an identifier such as `team_payments`. */
  name: string;
  /** Semver version of this build (the remote package's own version). */
  version: string;
  /** Route path the shell mounts the remote at, such as `/payments`. */
  route: string;
  /** Title shown in the shell's navigation. */
  title: string;
  /** Owning group, a catalog entity ref such as `group:default/payments-team`. */
  owner: string;
  /** One line on what the remote is for. */
  description?: string;
  /**
   * Whether the build's source maps are published with it (`portico.sourceMaps` in the remote's
   * package.json). Without it the build emits none and the registry refuses `.map` files.
   */
  sourceMaps?: boolean;
}

/** One remote as the shell sees it in `GET /api/registry/manifest`. */
export interface ManifestRemote {
  name: string;
  version: string;
  /** Absolute URL of the remote's `remoteEntry.js`. */
  entry: string;
  /** Subresource-integrity string of the entry (`sha384-...`), when the registry holds the bytes. */
  integrity?: string;
  route: string;
  title: string;
  owner: string;
  description?: string;
  /** `canary` when this user is served a canary version of the remote, else `stable`. */
  track: 'stable' | 'canary';
  /** Present when the remote or this version is deprecated. */
  deprecation?: Deprecation;
}

/** A deprecation notice: after `sunset` the version (or remote) can no longer be promoted. */
export interface Deprecation {
  /** ISO 8601 date-time. */
  sunset: string;
  message?: string;
}

/** The answer of `GET /api/registry/manifest`: the live remotes this user may see. */
export interface RegistryManifest {
  remotes: ManifestRemote[];
}

/** A remote as listed by `GET /api/registry/remotes`. */
export interface RemoteSummary {
  name: string;
  title: string;
  route: string;
  owner: string;
  description?: string;
  liveVersion?: string;
  /** A canary in progress: `percent`% of users get `version` instead of the live one. */
  canary?: { version: string; percent: number };
  /** Groups that may see the remote; empty means everyone signed in. */
  visibleTo: string[];
  deprecation?: Deprecation;
  versions: RemoteVersionSummary[];
  /** What the caller may do with this remote, as the permission policy decided. */
  allowedActions: RegistryAction[];
}

/** Actions on a remote that the permission policy decides. */
export type RegistryAction = 'publish' | 'promote' | 'rollback' | 'deprecate' | 'administer';

/** One published version of a remote. */
export interface RemoteVersionSummary {
  version: string;
  /** `upload` when the registry stores the files, `url` when they are hosted elsewhere. */
  source: 'upload' | 'url';
  entry: string;
  integrity?: string;
  publishedAt: string;
  publishedBy: string;
  deprecation?: Deprecation;
}

/** One move of a remote's live pointer or canary, newest first in `GET /remotes/:name/history`. */
export interface LiveHistoryEntry {
  kind: 'promote' | 'rollback' | 'canary-start' | 'canary-complete' | 'canary-cancel';
  fromVersion: string | null;
  toVersion: string | null;
  actor: string;
  at: string;
}

/** One line of `GET /api/registry/audit`. */
export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  remote: string | null;
  fromVersion: string | null;
  toVersion: string | null;
  outcome: 'success' | 'denied' | 'refused';
  detail: string | null;
}

/** One person the development sign-in page offers (`GET /api/dev-sign-in/users`). */
export interface DevSignInUser {
  /** The user entity's name, what the shell sends to sign in as them. */
  name: string;
  userEntityRef: string;
  displayName: string;
  email?: string;
  /** Group entity refs the user is a member of. */
  groups: string[];
}

/** One remote load as a browser saw it, sent to `POST /api/rum/beacon`. */
export interface RemoteLoadReport {
  /** Federation container name, such as `team_payments`. */
  remote: string;
  /** The version the manifest named. */
  version: string;
  /** From the visit (or the retry) to the remote's page mounted, or to its error card. */
  durationMs: number;
  outcome: 'ok' | 'error';
  /** The error card's code (`PORTICO_REMOTE_*`), for an `error` outcome. */
  code?: string;
}

/** Real-user load times of one remote version (`GET /api/rum/remote-loads`). */
export interface RemoteLoadSummary {
  remote: string;
  version: string;
  /** Loads reported, successful or not. */
  loads: number;
  /** Loads that ended on an error card. */
  errors: number;
  /** Median duration of the successful loads, in whole milliseconds; null before the first one. */
  p50Ms: number | null;
  /** 95th percentile duration of the successful loads, in whole milliseconds; null before the first one. */
  p95Ms: number | null;
}
