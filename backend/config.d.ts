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
    /**
     * Portico's permission policy (backend/README.md, "Permission policy"). Everything not
     * granted is denied. Read at start (an invalid policy stops the backend) and again whenever
     * the config files change (an invalid change is refused; the policy in force stays).
     */
    permissions?: {
      /**
       * User or group refs that hold every permission of Portico's plugins (catalog, registry).
       */
      superusers?: string[];
      cache?: {
        /**
         * How long a decision is reused for the same user, memberships and permission: a
         * duration object such as `{ seconds: 10 }` or an ISO 8601 string. Default 10 s;
         * `{ seconds: 0 }` turns the cache off. A policy change empties it.
         */
        ttl?: { [unit: string]: number } | string;
        /** The most decisions kept; the oldest go first. Default 10000. */
        maxEntries?: number;
      };
      roles?: Array<{
        /** A lower-case name, unique among the roles. */
        name: string;
        description?: string;
        /** User or group refs (`group:default/payments-team`), or `'*'` for everyone signed in. */
        members: string[];
        /**
         * A permission name (`catalog.entity.read`) or scope (`catalog-entity:read`,
         * `system:read`, `registry.remote:publish`), or `{ permission, when }` where `permission`
         * is one or a list of those and `when` limits the grant to resources that meet every
         * condition given: `owner: true`, `visible: true` (registry remotes), `kind`,
         * `namespace`, `domain` (catalog entities; each a value or a list of values).
         */
        grants: Array<
          | string
          | {
              permission: string | string[];
              when?: {
                owner?: boolean;
                visible?: boolean;
                kind?: string | string[];
                namespace?: string | string[];
                domain?: string | string[];
              };
            }
        >;
      }>;
    };
  };
}
