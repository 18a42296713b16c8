import { ResponseError } from '@backstage/errors';
import type { AuditEntry, LiveHistoryEntry, RegistryManifest, RemoteSummary } from '../types';
import type {
  PublishArchiveOptions,
  PublishResult,
  RegistryClient,
  RegistryClientOptions,
  RemoteArchive,
  ShellContract,
  ShellContractRegistration,
} from './types';

/** The registry's Backstage plugin id, under which discovery finds it. */
const REGISTRY_PLUGIN_ID = 'registry';

/** The media type of an upload; the registry also takes application/x-gzip and application/x-tgz. */
const ARCHIVE_MEDIA_TYPE = 'application/gzip';
/** The header an upload names its remote's owner in, read before the archive is. */
const OWNER_HEADER = 'X-Portico-Owner';

/** A request body with its headers; a stream body needs `duplex` (Node's fetch, streaming browsers). */
interface RequestBody {
  headers: Record<string, string>;
  body: BodyInit;
  duplex?: 'half';
}

const jsonBody = (value: unknown): RequestBody => ({
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(value),
});

function archiveBody(archive: RemoteArchive, { contentLength, owner }: PublishArchiveOptions): RequestBody {
  const headers: Record<string, string> = { 'Content-Type': ARCHIVE_MEDIA_TYPE };
  if (contentLength !== undefined) headers['Content-Length'] = String(contentLength);
  if (owner !== undefined) headers[OWNER_HEADER] = owner;
  // Checked by shape: a Buffer from another realm (a test runner's) is no `instanceof Uint8Array` there.
  if (!('getReader' in archive)) return { headers, body: archive };
  return { headers, body: archive, duplex: 'half' };
}

const remotePath = (name: string, suffix = '') => `/remotes/${encodeURIComponent(name)}${suffix}`;

/**
 * Creates a client of the registry's HTTP API. In a Backstage frontend, pass the app's
 * `discoveryApi` and `fetchApi` (which adds the user's token); elsewhere the registry's base URL
 * and a `fetch` that adds a token.
 *
 * @example
 * ```ts
 * const registry = createRegistryClient({ discoveryApi, fetchApi });
 * const remotes = await registry.listRemotes();
 * ```
 */
export function createRegistryClient(options: RegistryClientOptions): RegistryClient {
  const fetchApi = options.fetchApi ?? { fetch: (input, init) => fetch(input, init) };

  async function baseUrl(): Promise<string> {
    const url = 'baseUrl' in options ? options.baseUrl : await options.discoveryApi.getBaseUrl(REGISTRY_PLUGIN_ID);
    return url.replace(/\/+$/, '');
  }

  async function call<T>(method: string, path: string, request?: RequestBody): Promise<T> {
    const init: RequestInit & { duplex?: 'half' } = {
      ...request,
      method,
      headers: { Accept: 'application/json', ...request?.headers },
    };
    const response = await fetchApi.fetch(`${await baseUrl()}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  return {
    getManifest: () => call<RegistryManifest>('GET', '/manifest'),
    listRemotes: async () => (await call<{ remotes: RemoteSummary[] }>('GET', '/remotes')).remotes,
    getRemote: name => call<RemoteSummary>('GET', remotePath(name)),
    getHistory: async name =>
      (await call<{ history: LiveHistoryEntry[] }>('GET', remotePath(name, '/history'))).history,
    publishArchive: (name, archive, publishOptions = {}) =>
      call<PublishResult>('POST', remotePath(name, '/versions'), archiveBody(archive, publishOptions)),
    publishExternal: (name, request) => call<PublishResult>('POST', remotePath(name, '/versions'), jsonBody(request)),
    promote: (name, request) => call<RemoteSummary>('POST', remotePath(name, '/promote'), jsonBody(request)),
    rollback: name => call<RemoteSummary>('POST', remotePath(name, '/rollback')),
    deprecate: (name, request) => call<RemoteSummary>('POST', remotePath(name, '/deprecate'), jsonBody(request)),
    setVisibility: (name, groups) => call<RemoteSummary>('PUT', remotePath(name, '/visibility'), jsonBody({ groups })),
    listAudit: async (query = {}) => {
      const params = new URLSearchParams();
      if (query.remote !== undefined) params.set('remote', query.remote);
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      const search = params.toString();
      return (await call<{ entries: AuditEntry[] }>('GET', `/audit${search ? `?${search}` : ''}`)).entries;
    },
    getShellContract: async () => (await call<{ shared: ShellContract | null }>('GET', '/shell-contract')).shared,
    registerShellContract: shared => call<ShellContractRegistration>('POST', '/shell-contract', jsonBody({ shared })),
  };
}
