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
     * Service principals (subjects of `backend.auth.externalAccess` tokens) and the remotes they
     * may act on: `owns` lists owner group refs, or is `'*'` for all remotes and admin actions.
     * A service principal not listed here may only read.
     */
    serviceAccounts?: Array<{ subject: string; owns: string[] | '*' }>;
  };
}
