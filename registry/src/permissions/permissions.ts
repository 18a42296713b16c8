// The registry's permissions are part of the contract, so that remotes asking about them with
// `usePermission` (the console) use the very objects the registry enforces.
export * from '@portico/contract/permissions';
