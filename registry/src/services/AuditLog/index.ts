export { createAuditLog } from './createAuditLog';
export { AUDIT_RETENTION_TASK_ID, createAuditRetention, scheduleAuditRetention } from './auditRetention';
export type { AuditRetention } from './auditRetention';
export type { AuditLog, AuditRecord } from './types';
