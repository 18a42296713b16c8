/**
 * Test helpers other packages' tests use to run the registry: a registry plugin in a test
 * backend, test databases, a remote fixture to publish, and the canary bucketing a browser test
 * needs to predict. Import them as `@portico/plugin-registry-backend/testUtils`.
 *
 * @packageDocumentation
 */
export * from './databases';
export * from './policyPermissions';
export * from './remoteFixture';
export * from './startRegistry';
export * from './testPolicy';
export { canaryBucket } from '../services/ManifestService/canary';
