import type { ManifestRemote, RegistryManifest } from '@portico/contract';

/** Federation container names are JavaScript identifiers (`team_payments`). */
const CONTAINER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Routes the shell can mount a remote at: one or more lower-case segments, not `/`. */
const REMOTE_ROUTE = /^(\/[a-z0-9][a-z0-9-]*)+$/;

/** Routes the shell keeps for itself. */
const RESERVED_ROUTES = new Set(['/config.json']);

/**
 * Keeps the manifest entries the shell can use: well-formed, with a unique name and route.
 * A malformed entry is dropped with a console warning rather than failing the whole portal.
 */
export function sanitizeManifest(manifest: unknown): RegistryManifest {
  const remotes = (manifest as { remotes?: unknown })?.remotes;
  if (!Array.isArray(remotes)) {
    throw new Error('The registry manifest has no "remotes" list');
  }
  const names = new Set<string>();
  const routes = new Set<string>();
  const usable: ManifestRemote[] = [];
  for (const candidate of remotes as Partial<ManifestRemote>[]) {
    const problem = describeProblem(candidate, names, routes);
    if (problem) {
      console.warn(`Portico: ignoring manifest remote ${JSON.stringify(candidate?.name)}: ${problem}`);
      continue;
    }
    const remote = candidate as ManifestRemote;
    names.add(remote.name);
    routes.add(remote.route);
    usable.push(remote);
  }
  return { remotes: usable };
}

function describeProblem(
  remote: Partial<ManifestRemote> | undefined,
  names: Set<string>,
  routes: Set<string>,
): string | undefined {
  if (!remote || typeof remote !== 'object') return 'not an object';
  if (typeof remote.name !== 'string' || !CONTAINER_NAME.test(remote.name)) return 'name is not an identifier';
  if (names.has(remote.name)) return 'duplicate name';
  if (typeof remote.route !== 'string' || !REMOTE_ROUTE.test(remote.route)) return 'route is not a path such as /payments';
  if (routes.has(remote.route) || RESERVED_ROUTES.has(remote.route)) return `route ${remote.route} is taken`;
  if (typeof remote.title !== 'string' || remote.title === '') return 'title is missing';
  if (typeof remote.version !== 'string') return 'version is missing';
  if (typeof remote.owner !== 'string') return 'owner is missing';
  try {
    const url = new URL(String(remote.entry));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'entry is not an http(s) URL';
  } catch {
    return 'entry is not an absolute URL';
  }
  if (remote.integrity !== undefined && !/^sha(256|384|512)-/.test(String(remote.integrity))) {
    return 'integrity is not an SRI string';
  }
  return undefined;
}

/** `GET {backend}/api/registry/manifest`: the live remotes this user may see. */
export async function fetchManifest(backendBaseUrl: string, token: string): Promise<RegistryManifest> {
  let response: Response;
  try {
    response = await fetch(`${backendBaseUrl}/api/registry/manifest`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
  } catch (error) {
    throw new Error(`The registry at ${backendBaseUrl} could not be reached (${(error as Error).message})`);
  }
  if (!response.ok) {
    let detail = '';
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) detail = `: ${body.error.message}`;
    } catch {
      // No JSON error body.
    }
    throw new Error(`The registry answered ${response.status} ${response.statusText}${detail}`);
  }
  return sanitizeManifest(await response.json());
}
