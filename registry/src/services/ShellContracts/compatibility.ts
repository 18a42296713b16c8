import { satisfies, valid, validRange } from 'semver';

/** The shared-dependency contract of the live shell: the version it provides of each package. */
export type ShellContract = Record<string, string>;

/** One shared package a remote needs in a version the shell does not provide. */
export interface CompatibilityProblem {
  package: string;
  required: string;
  provided: string | null;
}

/** The `shared` entries of a federation manifest, as far as the gate reads them. */
export interface SharedRequirement {
  name: string;
  requiredVersion?: string;
  singleton?: boolean;
}

/**
 * Lists every singleton package of `contract` that the remote requires in a version range the
 * shell's version does not satisfy. Packages the shell does not share are the remote's own
 * business; a singleton the shell shares but the remote asks for in another range would load
 * the shell's copy anyway and break at run time, which is what this gate prevents.
 */
export function findCompatibilityProblems(
  shared: SharedRequirement[],
  contract: ShellContract,
): CompatibilityProblem[] {
  const problems: CompatibilityProblem[] = [];
  for (const requirement of shared) {
    if (!(requirement.name in contract)) continue;
    const range = requirement.requiredVersion;
    if (!range || range === '*' || range === 'false') continue;
    const provided = contract[requirement.name];
    if (!validRange(range) || !valid(provided) || !satisfies(provided, range, { includePrerelease: true })) {
      problems.push({ package: requirement.name, required: range, provided: provided ?? null });
    }
  }
  return problems;
}

/** `react requires ^19.0.0, the shell provides 18.3.1; ...` */
export function describeCompatibilityProblems(problems: CompatibilityProblem[]): string {
  return problems
    .map(p => `${p.package} requires ${p.required}, the shell provides ${p.provided ?? 'nothing'}`)
    .join('; ');
}
