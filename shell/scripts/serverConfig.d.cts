import type { RuntimeConfig, SignInProviderId } from '../src/config/runtimeConfig';

/** The settings the shell server reads from its environment. */
export interface ShellServerConfig {
  port: number;
  /** Origins other than the backend that remotes may be served from. */
  remoteOrigins: string[];
  /** The body of GET /config.json, as the browser reads it (`src/config/runtimeConfig.ts`). */
  runtimeConfig: RuntimeConfig;
}

/** The sign-in providers the server accepts in PORTICO_SIGN_IN_PROVIDERS. */
export declare const SIGN_IN_PROVIDERS: ReadonlyArray<SignInProviderId>;

/** Reads the server's settings; throws an error naming the variable at fault. */
export declare function readShellServerConfig(env: Record<string, string | undefined>): ShellServerConfig;

/** The shell's Content-Security-Policy header value. */
export declare function buildContentSecurityPolicy(options: {
  backendUrl: string;
  remoteOrigins: string[];
  indexHtml: string;
}): string;

/** The CSP source for the registry's assets path on the backend: `<backend>/api/registry/assets/`. */
export declare function registryAssetsSource(backendUrl: string): string;

/** `'sha256-…'` sources for the inline scripts of a page. */
export declare function inlineScriptHashes(html: string): string[];
