import { ShellContractRow } from '../../tables';
import { DbClient } from '../../util';

/** The most recently registered contract's package versions. */
export async function findLatestShellContract(db: DbClient): Promise<Record<string, string> | undefined> {
  const row = await db<ShellContractRow>('registry_shell_contracts').orderBy('id', 'desc').first();
  return row ? (JSON.parse(row.shared) as Record<string, string>) : undefined;
}

export async function insertShellContract(
  db: DbClient,
  contract: { shared: Record<string, string>; registeredBy: string; at: string },
): Promise<void> {
  await db('registry_shell_contracts').insert({
    shared: JSON.stringify(contract.shared),
    registered_by: contract.registeredBy,
    registered_at: contract.at,
  });
}
