/**
 * Test helpers other packages' tests use: Portico's real backend in its own process, a local
 * OpenID Connect provider, and per-plugin test databases. Import them as
 * `@portico/backend/testUtils`.
 *
 * @packageDocumentation
 */
export * from './perPluginDatabases';
export * from './startOidcServer';
export * from './catalogUsers';
export * from './startPorticoBackend';
