export interface Config {
  /** Portico's own backend settings. */
  portico?: {
    devSignIn?: {
      /**
       * Development sign-in as any catalog user (`/api/auth/development`, `/api/dev-sign-in/users`).
       * The backend refuses to start with this on under NODE_ENV=production or
       * auth.environment=production. Default: false.
       */
      enabled?: boolean;
    };
  };
}
