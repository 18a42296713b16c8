import { Knex } from 'knex';
import { FederationManifest } from '../../bundle/federationManifest';
import { listLiveRemotes } from '../../database/operations/remotes/remotes';
import { findLatestShellContract, insertShellContract } from '../../database/operations/shellContracts/shellContracts';
import { findVersion } from '../../database/operations/versions/versions';
import { findCompatibilityProblems, ShellContract } from './compatibility';
import { ShellContractResult, ShellContracts } from './types';

export function createShellContracts(options: { database: Knex; now?: () => Date }): ShellContracts {
  const { database: db } = options;
  const now = options.now ?? (() => new Date());

  async function findBrokenVersions(contract: ShellContract): Promise<ShellContractResult['wouldBreak']> {
    const wouldBreak: ShellContractResult['wouldBreak'] = [];
    for (const remote of await listLiveRemotes(db)) {
      for (const version of [remote.live_version, remote.canary_version]) {
        if (!version) continue;
        const row = await findVersion(db, remote.name, version);
        const manifest = JSON.parse(row!.federation_manifest) as FederationManifest;
        const problems = findCompatibilityProblems(manifest.shared, contract);
        if (problems.length > 0) wouldBreak.push({ remote: remote.name, version, problems });
      }
    }
    return wouldBreak;
  }

  return {
    async register({ contract, actor }) {
      const wouldBreak = await findBrokenVersions(contract);
      await insertShellContract(db, { shared: contract, registeredBy: actor, at: now().toISOString() });
      return { contract, wouldBreak };
    },
    get() {
      return findLatestShellContract(db);
    },
    async findProblems(shared) {
      const contract = await findLatestShellContract(db);
      return contract ? findCompatibilityProblems(shared, contract) : [];
    },
  };
}
