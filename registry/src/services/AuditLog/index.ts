export { createAuditLog } from './createAuditLog';
export type { AuditLog, AuditRecord } from './types';
