import { AuditorService, AuthService, HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { remoteNameSchema } from '@portico/contract/schemas';
import { ErrorRequestHandler, Request } from 'express';
import { AuditLog } from '../../services/AuditLog';
import { actorOf } from './caller';
import { describeRefusal, isAudited, markAudited, outcomeOf, statusOf } from './refusal';

/**
 * Builds the error handler mounted on a registry change route's path: it records the errors of
 * requests with `method` as refusals of `action` (what the audit trail calls the change).
 */
export type AuditRefusals = (method: string, action: string) => ErrorRequestHandler;

/**
 * Records the refusals a change route answers before its audited action ran: a body over the
 * size limit (413), another media type (415), a malformed name or body (400). Refusals the
 * action itself recorded, and requests whose change committed, are not recorded again. The
 * error then goes on to Backstage's error handler unchanged.
 */
export function createAuditRefusals(options: {
  auditor: AuditorService;
  auditLog: AuditLog;
  auth: AuthService;
  httpAuth: HttpAuthService;
  logger: LoggerService;
}): AuditRefusals {
  const { auditor, auditLog, auth, httpAuth, logger } = options;

  /** The caller when the request carries credentials; requests without are refused (401) earlier. */
  async function actorFor(req: Request): Promise<string> {
    try {
      return actorOf(auth, await httpAuth.credentials(req, { allow: ['user', 'service'] }));
    } catch {
      return 'anonymous';
    }
  }

  async function record(action: string, error: unknown, req: Request) {
    const parsedName = remoteNameSchema.safeParse(req.params.name);
    const remote = parsedName.success ? parsedName.data : null;
    const actor = await actorFor(req);
    try {
      await auditLog.record({
        actor,
        action,
        remote,
        fromVersion: null,
        toVersion: null,
        outcome: outcomeOf(error),
        detail: describeRefusal(error),
      });
    } catch (auditError) {
      logger.error(`Registry audit: could not record the refused ${action} by ${actor}`, auditError as Error);
    }
    try {
      const event = await auditor.createEvent({
        eventId: `registry-${action}`,
        request: req,
        severityLevel: 'medium',
        meta: { remote },
      });
      await event.fail({ error: error instanceof Error ? error : new Error(String(error)) });
    } catch (auditorError) {
      logger.error(`Registry audit: the auditor could not record the refused ${action}`, auditorError as Error);
    }
  }

  return (method, action) =>
    async function auditRefusal(error, req, _res, next) {
      // Unauthenticated requests never reach the registry's trail (Backstage answers them 401).
      if (req.method === method && !isAudited(req) && statusOf(error) !== 401) {
        markAudited(req);
        await record(action, error, req);
      }
      next(error);
    };
}
