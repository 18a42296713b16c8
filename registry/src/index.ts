/**
 * Portico's registry of remotes, as a Backstage backend plugin.
 *
 * @packageDocumentation
 */
export { registryPlugin as default } from './plugin';
export { readRegistryConfig } from './config';
export type { RegistryConfig } from './config';
