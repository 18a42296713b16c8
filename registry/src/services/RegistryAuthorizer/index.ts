export { createRegistryAuthorizer } from './createRegistryAuthorizer';
export type { RegistryAuthorizer, RemoteDecisions } from './createRegistryAuthorizer';
export { DEFAULT_SERVICE_ACCOUNT_ACTIONS, readServiceAccounts, SERVICE_ACCOUNT_ACTIONS } from './serviceAccounts';
export type { ServiceAccount, ServiceAccountAction } from './serviceAccounts';
