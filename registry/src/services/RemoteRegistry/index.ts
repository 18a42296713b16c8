export type {
  RemoteRegistryService,
  PublishResult,
  PreparedPublish,
  RemoteAsset,
  Actor,
  ExternalPublishRequest,
  StoredRemote,
  LiveChange,
  ShellContractResult,
} from './types';
export { createRemoteRegistry } from './createRemoteRegistry';
export type { RemoteRegistryOptions } from './createRemoteRegistry';
export { findCompatibilityProblems, describeCompatibilityProblems } from './compatibility';
export type { ShellContract, CompatibilityProblem } from './compatibility';
