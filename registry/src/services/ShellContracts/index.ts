export { createShellContracts } from './createShellContracts';
export { describeCompatibilityProblems, findCompatibilityProblems } from './compatibility';
export type { CompatibilityProblem, SharedRequirement, ShellContract } from './compatibility';
export type { ShellContractResult, ShellContracts } from './types';
