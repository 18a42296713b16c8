import { NotAllowedError } from '@backstage/errors';
import { Request } from 'express';

/** Longest error message the audit trail keeps. */
const MAX_DETAIL_LENGTH = 2000;

/** Requests whose change or refusal is already in the audit trail. */
const auditedRequests = new WeakSet<Request>();

/** Notes that the request's outcome is recorded, so that a refusal is never recorded twice. */
export function markAudited(request: Request | undefined): void {
  if (request) auditedRequests.add(request);
}

/** True once the request's change or refusal has been recorded. */
export function isAudited(request: Request): boolean {
  return auditedRequests.has(request);
}

/** Outcome of a refused or failed call, as the audit log records it. */
export function outcomeOf(error: unknown): 'denied' | 'refused' {
  return error instanceof NotAllowedError || (error as Error | undefined)?.name === 'NotAllowedError'
    ? 'denied'
    : 'refused';
}

/** The HTTP status an error is answered with, as Backstage's error handler derives it. */
export function statusOf(error: unknown): number {
  const { statusCode, status, name } = (error ?? {}) as { statusCode?: unknown; status?: unknown; name?: unknown };
  for (const code of [statusCode, status]) {
    if (typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 599) return code;
  }
  const byName: Record<string, number> = {
    InputError: 400,
    AuthenticationError: 401,
    NotAllowedError: 403,
    NotFoundError: 404,
    ConflictError: 409,
  };
  return typeof name === 'string' && byName[name] ? byName[name] : 500;
}

/** The audit entry's detail for a refusal: the status answered and the error's message. */
export function describeRefusal(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const detail = `${statusOf(error)} ${message}`;
  return detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…` : detail;
}
