/**
 * A client of the registry's HTTP API (`/api/registry`) for the `portico` CLI, the console remote
 * and any other caller. Import it as `@portico/contract/client`.
 *
 * @packageDocumentation
 */
export { createRegistryClient } from './createRegistryClient';
export { describeRegistryError } from './describeRegistryError';
export type * from './types';
