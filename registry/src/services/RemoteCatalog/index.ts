export { createRemoteCatalog } from './createRemoteCatalog';
export type { RemoteCatalogOptions } from './createRemoteCatalog';
export type { RemoteAsset, RemoteCatalog, StoredRemote } from './types';
