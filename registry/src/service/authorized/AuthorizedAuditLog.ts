import { AuditEntry } from '@portico/contract';
import { registryAuditReadPermission } from '../../permissions';
import { AuditLog } from '../../services/AuditLog';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** The audit trail, for registry administrators only. */
export class AuthorizedAuditLog {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly access: RemoteAccess,
  ) {}

  /** `readQuery` parses the request's query; it runs only once the caller may read the trail. */
  async list(caller: RegistryCaller, readQuery: () => { limit: number; remote?: string }): Promise<AuditEntry[]> {
    await this.access.requireBasic(
      caller.credentials,
      registryAuditReadPermission,
      'only registry administrators may read the audit trail',
    );
    return this.auditLog.list(readQuery());
  }
}
