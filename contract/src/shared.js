// @ts-check
/**
 * The one list of shared singletons. The shell's build, every remote's build (through
 * `@portico/contract/webpack`) and the registry's compatibility checks all read this file, so
 * they cannot drift apart.
 *
 * Plain CommonJS so that webpack configurations can require it without a TypeScript loader.
 */

/**
 * One shared singleton as module federation's `shared` option takes it.
 *
 * @typedef {{ singleton: true; requiredVersion: string }} SharedSingleton
 */

/** @type {Record<string, SharedSingleton>} */
const sharedSingletons = {
  react: { singleton: true, requiredVersion: '^18.3.1' },
  'react-dom': { singleton: true, requiredVersion: '^18.3.1' },
  'react-router-dom': { singleton: true, requiredVersion: '^6.30.0' },
  '@backstage/frontend-plugin-api': { singleton: true, requiredVersion: '^1.0.0' },
  '@backstage/core-plugin-api': { singleton: true, requiredVersion: '^1.13.0' },
};

/** The module every remote exposes; its default export is a Backstage frontend plugin. */
const REMOTE_EXPOSED_MODULE = './plugin';
/** Written by the remote build next to `mf-manifest.json`; says who the remote is. */
const REMOTE_DESCRIPTOR_FILE = 'portico-remote.json';
/** The federation manifest that `@module-federation/enhanced` writes when `manifest: true`. */
const FEDERATION_MANIFEST_FILE = 'mf-manifest.json';

module.exports = {
  sharedSingletons,
  REMOTE_EXPOSED_MODULE,
  REMOTE_DESCRIPTOR_FILE,
  FEDERATION_MANIFEST_FILE,
};
