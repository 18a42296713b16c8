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
  versions: RemoteVersionSummary[];
}

/** One published version of a remote. */
export interface RemoteVersionSummary {
  version: string;
  /** `upload` when the registry stores the files, `url` when they are hosted elsewhere. */
  source: 'upload' | 'url';
  entry: string;
  integrity?: string;
  publishedAt: string;
  publishedBy: string;
}
