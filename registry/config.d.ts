export interface Config {
  /** Portico's registry of remotes. */
  registry?: {
    storage?: {
      /**
       * Folder the registry keeps uploaded remote files in, content-addressed by SHA-384.
       * Relative paths resolve against the backend's working directory.
       * Default: `data/registry`.
       */
      directory?: string;
    };
    /** Largest upload (the gzipped archive) accepted by a publish, in bytes. Default: 50 MiB. */
    maxUploadBytes?: number;
    /** Largest single file inside an upload, once unpacked, in bytes. Default: 20 MiB. */
    maxFileBytes?: number;
    /** Most files one upload may contain. Default: 2000. */
    maxFiles?: number;
    /**
     * The scheduled sweep that removes stored files no version points at (left by failed
     * publishes); publishes themselves never remove files. One replica runs it at a time.
     */
    blobSweep?: {
      /**
       * How long a file without a version is left alone, as a Backstage duration (`'1h'`,
       * `'PT90M'`, `{ hours: 2 }`); at least 5 minutes. Default: 1 hour.
       */
      gracePeriod?: string | { [unit: string]: number };
      /** Time between two sweeps, as a Backstage duration; at least 1 minute. Default: 30 minutes. */
      frequency?: string | { [unit: string]: number };
    };
    /** The audit trail (`GET /api/registry/audit`). */
    audit?: {
      /**
       * How long entries are kept: a number of days, or a Backstage duration (`'90d'`, `'P1Y'`,
       * `{ days: 180 }`); at least 1 day. Older entries are deleted by a scheduled task.
       * Default: 365 days.
       */
      retention?: number | string | { [unit: string]: number };
    };
    /**
     * Largest total size of an upload's files once unpacked, in bytes; the upload stops being
     * read as soon as it is passed (413). Default: 200 MiB.
     */
    maxUnpackedBytes?: number;
    /** Uploads one user or service token may have in progress at once (a further one gets 429). Default: 2. */
    maxConcurrentUploadsPerCaller?: number;
    /**
     * Service principals (subjects of `backend.auth.externalAccess` tokens), the remotes they
     * may act on and what they may do. `owns` lists owner group refs, or is `'*'` for all
     * remotes. `actions` defaults to `[read, publish]`; anything more (`promote`, `rollback`,
     * `deprecate`, `administer`, `audit`, `shell-contract`) must be listed, also with
     * `owns: '*'`. A service principal not listed here may only read.
     */
    serviceAccounts?: Array<{
      subject: string;
      owns: string[] | '*';
      actions?: Array<
        'read' | 'publish' | 'promote' | 'rollback' | 'deprecate' | 'administer' | 'audit' | 'shell-contract'
      >;
    }>;
    /**
     * Base URL the manifest and version summaries give for uploaded remotes' files, in place of
     * the backend's own `<backend>/api/registry/assets`; files are addressed as
     * `<assetBaseUrl>/<name>/<version>/...`. Set it in production to a separate host name that
     * routes to the backend's asset path and carries no cookies, so that a file opened as a page
     * never runs beside the sign-in cookie. Default: the backend's external URL.
     */
    assetBaseUrl?: string;
    /** Signed asset URLs (every uploaded remote's files are served only under a signed prefix). */
    assetSignature?: {
      /**
       * Length of one signing period, in seconds (at least 60). A signature is accepted in the
       * period it was made in and the next one, so it stops working one to two periods after the
       * user lost access. Default: 14400 (four hours).
       */
      periodSeconds?: number;
      /**
       * How many periods one signing key signs before a new key replaces it; the previous key
       * is accepted for one more period, then deleted. Default: 6 (a new key every day).
       */
      keyRotationPeriods?: number;
    };
    /**
     * Remotes registered by the URL of their `mf-manifest.json` (hosted by their team): the
     * registry fetches the manifest, the entry and every file the manifest lists.
     */
    externalRemotes?: {
      /**
       * Origins (`https://cdn.example.com`, with a port when it is not the default) the registry
       * may fetch from. Default: none, so registering by URL is refused (422) until an operator
       * lists the origin.
       */
      allowedOrigins?: string[];
      /**
       * Lets a remote's host name resolve to loopback, private, link-local, unique-local, CGNAT,
       * multicast or unspecified addresses (for local development and tests only). Default: false.
       */
      allowPrivateAddresses?: boolean;
      /** Largest file the registry reads from such a host, in bytes. Default: 5 MiB. */
      maxFileBytes?: number;
      /** Most files the manifest may list for the registry to check. Default: 200. */
      maxFiles?: number;
      /** Longest one request may take, in milliseconds. Default: 10000. */
      timeoutMs?: number;
      /** Longest all requests of one registration may take together, in milliseconds. Default: 60000. */
      totalTimeoutMs?: number;
    };
  };
}
