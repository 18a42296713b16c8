/** One shared singleton as module federation's `shared` option takes it. */
export interface SharedSingleton {
  singleton: true;
  requiredVersion: string;
}
/** The shared singletons, by package name. */
export declare const sharedSingletons: Record<string, SharedSingleton>;
/** The module every remote exposes (`'./plugin'`). */
export declare const REMOTE_EXPOSED_MODULE: './plugin';
/** File name of the remote descriptor written by the remote build. */
export declare const REMOTE_DESCRIPTOR_FILE: 'portico-remote.json';
/** File name of the federation manifest written by the remote build. */
export declare const FEDERATION_MANIFEST_FILE: 'mf-manifest.json';
