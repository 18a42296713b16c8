import { Actor } from '../actor';
import { CompatibilityProblem, SharedRequirement, ShellContract } from './compatibility';

export interface ShellContractResult {
  contract: ShellContract;
  /** Live or canary versions the new contract cannot satisfy. */
  wouldBreak: Array<{ remote: string; version: string; problems: CompatibilityProblem[] }>;
}

/** The shell's shared-dependency contract, and the gate publishes pass through. */
export interface ShellContracts {
  /** Records a new contract and names the live and canary versions it would break. */
  register(options: { contract: ShellContract; actor: Actor }): Promise<ShellContractResult>;
  /** The registered contract, if any. */
  get(): Promise<ShellContract | undefined>;
  /** What a remote with these `shared` requirements needs that the registered shell lacks. */
  findProblems(shared: SharedRequirement[]): Promise<CompatibilityProblem[]>;
}
