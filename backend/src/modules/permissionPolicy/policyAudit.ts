import { AuditorService, AuditorServiceCreateEventOptions, LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import { CompiledPolicy } from './policy/compilePolicy';
import { PolicyDenial } from './PorticoPermissionPolicy';

/** What the policy module records through Backstage's auditor service. */
export interface PolicyAudit {
  /** Every DENY the policy returns (`permission-denial`, failed). */
  denied(denial: PolicyDenial): void;
  /** A policy put in force, at start or on a change (`policy-change`, succeeded). */
  applied(policy: CompiledPolicy, reason: 'start' | 'change', previous?: CompiledPolicy): void;
  /** A changed policy refused (`policy-change`, failed); the previous one stays in force. */
  refused(error: Error, current: CompiledPolicy): void;
}

function describe(policy: CompiledPolicy): JsonObject {
  return { fingerprint: policy.fingerprint, ...policy.summary, cacheTtlMs: policy.cacheTtlMs };
}

export function createPolicyAudit(auditor: AuditorService, logger: LoggerService): PolicyAudit {
  function record(options: AuditorServiceCreateEventOptions, outcome: { error?: Error; meta?: JsonObject }) {
    // Auditing must never hold up or fail a decision; a lost audit event is logged.
    void (async () => {
      const event = await auditor.createEvent(options);
      if (outcome.error) await event.fail({ error: outcome.error, meta: outcome.meta });
      else await event.success({ meta: outcome.meta });
    })().catch(error => logger.error(`Could not audit ${options.eventId}: ${error}`));
  }

  return {
    denied(denial) {
      const who = denial.userEntityRef ?? 'an unauthenticated caller';
      record(
        {
          eventId: 'permission-denial',
          severityLevel: 'medium',
          meta: { permission: denial.permission, userEntityRef: denial.userEntityRef ?? null, cached: denial.cached },
        },
        { error: new NotAllowedError(`${denial.permission}: denied to ${who}`) },
      );
    },
    applied(policy, reason, previous) {
      record(
        { eventId: 'policy-change', severityLevel: 'high', meta: { reason } },
        { meta: { policy: describe(policy), ...(previous ? { previous: describe(previous) } : {}) } },
      );
    },
    refused(error, current) {
      record(
        { eventId: 'policy-change', severityLevel: 'high', meta: { reason: 'change' } },
        { error, meta: { inForce: describe(current) } },
      );
    },
  };
}
