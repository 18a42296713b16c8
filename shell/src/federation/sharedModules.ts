/**
 * The shared singletons the shell hands to remotes (the one list is `@portico/contract/shared`),
 * registered with the federation runtime when the first remote loads. The shell is not built with
 * the module federation webpack plugin: React and React DOM, which the first screen needs anyway,
 * are handed over as loaded modules; React Router and Backstage's plugin APIs are fetched from
 * the shell's own chunks when a remote first asks for them. Either way a remote gets the shell's
 * copy (loaded first), never its own.
 */
import React from 'react';
import ReactDOM from 'react-dom';
import { sharedSingletons } from '@portico/contract/shared';

/** The versions of the shell's copies, from their package.json files (set by webpack.config.js). */
declare const __PORTICO_SHARED_VERSIONS__: Record<string, string>;

type ShellCopy = { lib: () => unknown } | { get: () => Promise<() => unknown> };

const onDemand = (load: () => Promise<unknown>): ShellCopy => ({ get: () => load().then(module => () => module) });

/** The shell's copy of each shared singleton. */
const SHELL_COPIES: Record<string, ShellCopy> = {
  react: { lib: () => React },
  'react-dom': { lib: () => ReactDOM },
  'react-router-dom': onDemand(() => import('react-router-dom')),
  '@backstage/frontend-plugin-api': onDemand(() => import('@backstage/frontend-plugin-api')),
  '@backstage/core-plugin-api': onDemand(() => import('@backstage/core-plugin-api')),
};

/** The names of the packages the shell has a copy of. */
export function providedSharedNames(): string[] {
  return Object.keys(SHELL_COPIES);
}

/** The `shared` option of the federation runtime's `init`: every singleton of the contract. */
export function shellSharedModules() {
  const missing = Object.keys(sharedSingletons).filter(name => !(name in SHELL_COPIES));
  if (missing.length > 0) {
    throw new Error(
      `The shell has no copy of the shared singletons ${missing.join(', ')}: add them to sharedModules.ts`,
    );
  }
  return Object.fromEntries(
    Object.entries(sharedSingletons).map(([name, config]) => {
      const copy = SHELL_COPIES[name];
      return [
        name,
        {
          version: __PORTICO_SHARED_VERSIONS__[name],
          scope: 'default',
          shareConfig: { singleton: true, requiredVersion: config.requiredVersion },
          ...copy,
          ...('lib' in copy ? { loaded: true } : {}),
        },
      ];
    }),
  );
}
