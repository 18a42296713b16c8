export { porticoPermissionPolicyModule } from './module';
export { PorticoPermissionPolicy, PLATFORM_ENGINEERS } from './PorticoPermissionPolicy';
