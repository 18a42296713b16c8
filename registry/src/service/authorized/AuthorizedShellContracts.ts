import { registryShellContractRegisterPermission } from '../../permissions';
import { ShellContract, ShellContractResult, ShellContracts } from '../../services/ShellContracts';
import { AuditedAction } from './auditedAction';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** The shell contract: anyone signed in reads it, registry administrators register it (audited). */
export class AuthorizedShellContracts {
  constructor(
    private readonly contracts: ShellContracts,
    private readonly access: RemoteAccess,
    private readonly audited: AuditedAction,
  ) {}

  get(): Promise<ShellContract | undefined> {
    return this.contracts.get();
  }

  async register(caller: RegistryCaller, contract: ShellContract): Promise<ShellContractResult> {
    const result = await this.audited(caller, 'shell-contract', null, async () => {
      await this.access.requireBasic(
        caller.credentials,
        registryShellContractRegisterPermission,
        'only registry administrators may register a shell contract',
      );
      const registered = await this.contracts.register({ contract, actor: this.access.actorOf(caller.credentials) });
      return { ...registered, fromVersion: null, toVersion: null };
    });
    return { contract: result.contract, wouldBreak: result.wouldBreak };
  }
}
