export { createRegistryAuthorizer } from './createRegistryAuthorizer';
export type { RegistryAuthorizer, RemoteDecisions } from './createRegistryAuthorizer';
