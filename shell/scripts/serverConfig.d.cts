/** The settings the shell server reads from its environment. */
export interface ShellServerConfig {
  port: number;
  /** Origins other than the backend that remotes may be served from. */
  remoteOrigins: string[];
  /** The body of GET /config.json. */
  runtimeConfig: {
    backendBaseUrl: string;
    appTitle: string;
    remoteLoadTimeoutMs: number;
    remoteLoadAttempts: number;
    remoteRetryBaseDelayMs: number;
    manifestPollIntervalMs: number;
    /** Sign-in buttons to offer, in order (PORTICO_SIGN_IN_PROVIDERS). */
    signInProviders: Array<'guest' | 'development' | 'oidc'>;
    /** The auth environment of the OIDC provider, `?env=` (PORTICO_AUTH_ENVIRONMENT). */
    authEnvironment: string;
    /** "Sign in with <oidcTitle>" (PORTICO_OIDC_TITLE). */
    oidcTitle: string;
  };
}

/** The sign-in providers the server accepts in PORTICO_SIGN_IN_PROVIDERS. */
export declare const SIGN_IN_PROVIDERS: ReadonlyArray<'guest' | 'development' | 'oidc'>;

/** Reads the server's settings; throws an error naming the variable at fault. */
export declare function readShellServerConfig(env: Record<string, string | undefined>): ShellServerConfig;

/** The shell's Content-Security-Policy header value. */
export declare function buildContentSecurityPolicy(options: {
  backendUrl: string;
  remoteOrigins: string[];
  indexHtml: string;
}): string;

/** `'sha256-…'` sources for the inline scripts of a page. */
export declare function inlineScriptHashes(html: string): string[];
