import { AuditorService, AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { AuditLog } from '../../services/AuditLog';
import { actorOf, RegistryCaller } from './caller';
import { describeRefusal, markAudited, outcomeOf } from './refusal';

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

export function createAuditedAction(options: {
  auditor: AuditorService;
  auditLog: AuditLog;
  auth: AuthService;
  logger: LoggerService;
}): AuditedAction {
  const { auditor, auditLog, auth, logger } = options;

  /** Runs one audit write; a failure is logged and resolved, never passed on to the caller. */
  async function tryToAudit(problem: string, write: () => Promise<unknown>): Promise<Error | undefined> {
    try {
      await write();
      return undefined;
    } catch (error) {
      logger.error(`Registry audit: ${problem}`, error as Error);
      return error as Error;
    }
  }

  return async <T extends AuditedChange>(
    caller: RegistryCaller,
    action: string,
    remote: string | null,
    run: () => Promise<T>,
  ): Promise<T> => {
    const event = await auditor.createEvent({
      eventId: `registry-${action}`,
      request: caller.request,
      severityLevel: 'medium',
      meta: { remote },
    });
    const actor = actorOf(auth, caller.credentials);
    let result: T;
    try {
      result = await run();
    } catch (error) {
      markAudited(caller.request);
      const refusal = { fromVersion: null, toVersion: null, outcome: outcomeOf(error), detail: describeRefusal(error) };
      await tryToAudit(`could not record the refused ${action} by ${actor}`, () =>
        auditLog.record({ actor, action, remote, ...refusal }),
      );
      await tryToAudit(`the auditor could not record the refused ${action} by ${actor}`, () =>
        event.fail({ error: error as Error }),
      );
      throw error;
    }
    // The change has committed: from here on nothing may turn it into a refusal or an error.
    markAudited(caller.request);
    const versions = { fromVersion: result.fromVersion ?? null, toVersion: result.toVersion ?? null };
    const recordError = await tryToAudit(
      `the ${action} of ${remote ?? 'the registry'} by ${actor} succeeded, but recording it failed`,
      () => auditLog.record({ actor, action, remote, ...versions, outcome: 'success', detail: null }),
    );
    await tryToAudit(`the auditor could not record the ${action} by ${actor}`, () =>
      event.success({ meta: { ...versions, ...(recordError ? { auditLogError: recordError.message } : {}) } }),
    );
    return result;
  };
}
