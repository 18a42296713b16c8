/**
 * Portico's registry of remotes, as a Backstage backend plugin, and the permissions and
 * condition helpers a permission policy needs to decide on registry actions.
 *
 * @packageDocumentation
 */
export { registryPlugin as default } from './plugin';
export { readRegistryConfig } from './config';
export type { ExternalRemotesConfig, RegistryConfig, ServiceAccount } from './config';
export * from './permissions';
