import type { AuthService, BackstageCredentials, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** How long the versions the registry serves are reused before asking again. */
export const DEFAULT_SERVED_VERSIONS_TTL_MS = 30_000;
/**
 * The youngest answer that is asked again when a report names a version it does not list (one
 * just promoted): forged reports can make the plugin ask the registry at most this often.
 */
export const MIN_SERVED_VERSIONS_REFRESH_MS = 1_000;

/** The registry as the intake needs it, asked over HTTP like any other plugin would. */
export interface RegistryRemotesService {
  /**
   * The versions each remote serves now (its live version and its canary's), by remote name,
   * as the registry answers the rum plugin's own service credentials; an answer is reused while
   * younger than `maxAgeMs` (by default the plugin's cache time, 30 s).
   */
  servedVersions(options?: { maxAgeMs?: number }): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** The names of the remotes `credentials` may see (`registry.remote.read`), asked on their behalf. */
  visibleTo(credentials: BackstageCredentials): Promise<ReadonlySet<string>>;
}

/** The part of the registry's `GET /remotes` answer read here. */
interface RemotesAnswer {
  remotes: Array<{ name: string; liveVersion?: string; canary?: { version: string } }>;
}

export function createRegistryRemotes(options: {
  auth: AuthService;
  discovery: DiscoveryService;
  ttlMs?: number;
  now?: () => number;
}): RegistryRemotesService {
  const { auth, discovery } = options;
  const ttlMs = options.ttlMs ?? DEFAULT_SERVED_VERSIONS_TTL_MS;
  const now = options.now ?? Date.now;
  let cached: { at: number; versions: Promise<Map<string, Set<string>>> } | undefined;

  async function listRemotes(onBehalfOf: BackstageCredentials): Promise<RemotesAnswer['remotes']> {
    const { token } = await auth.getPluginRequestToken({ onBehalfOf, targetPluginId: 'registry' });
    const response = await fetch(`${await discovery.getBaseUrl('registry')}/remotes`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as Partial<RemotesAnswer>;
    if (!Array.isArray(body.remotes)) throw new Error('registry answered GET /remotes without a remotes list');
    return body.remotes;
  }

  async function loadServedVersions(): Promise<Map<string, Set<string>>> {
    const remotes = await listRemotes(await auth.getOwnServiceCredentials());
    return new Map(
      remotes.map(remote => [
        remote.name,
        new Set([remote.liveVersion, remote.canary?.version].filter((version): version is string => !!version)),
      ]),
    );
  }

  return {
    servedVersions({ maxAgeMs = ttlMs } = {}) {
      // An answer still being fetched (age 0) is shared, whatever the age asked for.
      if (!cached || now() - cached.at >= Math.min(maxAgeMs, ttlMs)) {
        const versions = loadServedVersions();
        const entry = { at: now(), versions };
        cached = entry;
        // A failed answer is not reused: the next beacon asks again.
        versions.catch(() => {
          if (cached === entry) cached = undefined;
        });
      }
      return cached.versions;
    },

    async visibleTo(credentials) {
      return new Set((await listRemotes(credentials)).map(remote => remote.name));
    },
  };
}
