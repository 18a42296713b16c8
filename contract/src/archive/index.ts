/**
 * The upload archive a remote is published as: a gzipped tar of its built dist folder. The
 * `portico` CLI packs it; the registry's tests pack their fixtures with it. Node only. Import it
 * as `@portico/contract/archive`.
 *
 * @packageDocumentation
 */
export { packFiles } from './packFiles';
export type { ArchiveFile } from './packFiles';
