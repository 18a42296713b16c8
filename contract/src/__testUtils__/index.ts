/**
 * Test helpers for remotes: render a remote's components with API implementations, as the
 * shell's app provides them. Import them as `@portico/contract/testUtils`.
 *
 * @packageDocumentation
 */
export { fakeResponse, jsonResponse, renderWithApis, testDiscoveryApi } from './renderWithApis';
