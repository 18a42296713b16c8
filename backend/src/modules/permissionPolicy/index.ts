export { porticoPermissionPolicyModule, createPorticoPermissionPolicyModule } from './module';
export type { PorticoPermissionPolicyModuleOptions } from './module';
export { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
export type { PolicyDenial, PorticoPermissionPolicyOptions } from './PorticoPermissionPolicy';
export { compilePolicy, PolicyConfigError } from './policy/compilePolicy';
export type { CompiledPolicy, PolicyConfigIssue } from './policy/compilePolicy';
export { readPolicyConfig } from './config/readPolicyConfig';
export { staticDomainResolver } from './policy/domainResolver';
export type { DomainResolver } from './policy/domainResolver';
