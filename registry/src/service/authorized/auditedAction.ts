import { AuditorService, AuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuditLog } from '../../services/AuditLog';
import { actorOf, RegistryCaller } from './caller';

/** The versions a change moved between, when it moved any. */
export interface AuditedChange {
  fromVersion?: string | null;
  toVersion?: string | null;
}

/**
 * Runs a registry change and records it, whatever its outcome, in the registry's audit log
 * (listable at /audit) and through Backstage's auditor service.
 */
export type AuditedAction = <T extends AuditedChange>(
  caller: RegistryCaller,
  action: string,
  remote: string | null,
  run: () => Promise<T>,
) => Promise<T>;

/** Outcome of a refused or failed call, as the audit log records it. */
function outcomeOf(error: unknown): 'denied' | 'refused' {
  return error instanceof NotAllowedError ? 'denied' : 'refused';
}

export function createAuditedAction(options: {
  auditor: AuditorService;
  auditLog: AuditLog;
  auth: AuthService;
}): AuditedAction {
  const { auditor, auditLog, auth } = options;
  return async (caller, action, remote, run) => {
    const event = await auditor.createEvent({
      eventId: `registry-${action}`,
      request: caller.request,
      severityLevel: 'medium',
      meta: { remote },
    });
    const actor = actorOf(auth, caller.credentials);
    try {
      const result = await run();
      const versions = { fromVersion: result.fromVersion ?? null, toVersion: result.toVersion ?? null };
      await auditLog.record({ actor, action, remote, ...versions, outcome: 'success', detail: null });
      await event.success({ meta: versions });
      return result;
    } catch (error) {
      await auditLog.record({
        actor,
        action,
        remote,
        fromVersion: null,
        toVersion: null,
        outcome: outcomeOf(error),
        detail: (error as Error).message,
      });
      await event.fail({ error: error as Error });
      throw error;
    }
  };
}
