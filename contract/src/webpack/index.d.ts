import type { Configuration } from 'webpack';
import type { RemoteDescriptor } from '../types';

/**
 * Creates the complete production webpack configuration of a Portico remote whose package
 * folder is `dir`: `src/plugin.tsx` exposed as `./plugin` from a federation container named
 * after the `portico.name` of `dir/package.json`, the shared singletons, `remoteEntry.js`,
 * `mf-manifest.json` and `portico-remote.json` in `dir/dist`, content-hashed chunks with SRI.
 */
export declare function createRemoteWebpackConfig(options: {
  /** The remote's package folder, absolute (pass `__dirname`). */
  dir: string;
}): Configuration;

/**
 * Reads and validates the `portico` block and `version` of `dir/package.json` with the
 * registry's schemas (`@portico/contract/schemas`); throws an error naming each field at fault,
 * such as `…/package.json: portico.route: must be a lower-case path such as /payments …`.
 */
export declare function readRemoteDescriptor(dir: string): RemoteDescriptor;

/** The esbuild-loader rule every Portico build compiles TypeScript and TSX with. */
export declare const typescriptRule: import('webpack').RuleSetRule;
/** The extensions every Portico build resolves. */
export declare const RESOLVE_EXTENSIONS: string[];
