import type { ManifestRemote } from '@portico/contract';
import {
  GROUP_REF_PATTERN,
  INTEGRITY_PATTERN,
  isReservedName,
  isReservedRoute,
  MAX_ROUTE_LENGTH,
  REMOTE_NAME_PATTERN,
  ROUTE_PATTERN,
  VERSION_PATTERN,
} from '@portico/contract/rules';
import { describeFailedResponse } from '../errors/describeFailedResponse';

const isRoute = (route: unknown): route is string =>
  typeof route === 'string' && route.length <= MAX_ROUTE_LENGTH && ROUTE_PATTERN.test(route);

/**
 * A manifest entry the shell can name and route to, but not load: its entry URL, integrity,
 * version or owner is missing or malformed. Its route shows the error card
 * (PORTICO_REMOTE_MANIFEST_INVALID); the other remotes are unaffected.
 */
export interface UnusableRemote {
  name: string;
  route: string;
  title: string;
  owner?: string;
  version?: string;
  description?: string;
  /** What is wrong with the entry, such as `entry is not an absolute URL`. */
  problem: string;
}

/** The manifest as the shell uses it. */
export interface ShellManifest {
  /** Well-formed remotes, in the registry's order. */
  remotes: ManifestRemote[];
  /** Entries with a usable name, route and title but a broken rest. */
  unusable: UnusableRemote[];
}

type Candidate = Partial<Record<keyof ManifestRemote, unknown>> | undefined;

/** Why an entry cannot even be named and routed to; such an entry is dropped. */
function identityProblem(remote: Candidate, names: Set<string>, routes: Set<string>): string | undefined {
  if (!remote || typeof remote !== 'object') return 'not an object';
  if (typeof remote.name !== 'string' || !REMOTE_NAME_PATTERN.test(remote.name)) return 'name is not an identifier';
  // Its container would overwrite a global of the shell or the browser.
  if (isReservedName(remote.name)) return `name ${remote.name} is reserved`;
  if (names.has(remote.name)) return 'duplicate name';
  if (!isRoute(remote.route)) return 'route is not a path such as /payments';
  if (routes.has(remote.route)) return `route ${remote.route} is taken`;
  // The shell's and the backend's own paths, and everything under them (`/api/x`).
  if (isReservedRoute(remote.route)) return `route ${remote.route} is reserved`;
  if (typeof remote.title !== 'string' || remote.title === '') return 'title is missing';
  return undefined;
}

/** Why a nameable entry cannot be loaded. */
function loadProblem(remote: NonNullable<Candidate>): string | undefined {
  if (remote.entry === undefined || remote.entry === null || remote.entry === '') return 'entry is missing';
  try {
    const url = new URL(String(remote.entry));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'entry is not an http(s) URL';
  } catch {
    return `entry ${JSON.stringify(remote.entry)} is not an absolute URL`;
  }
  // Without a hash the browser would run whatever the entry's host serves today.
  if (remote.integrity === undefined || remote.integrity === null || remote.integrity === '') {
    return 'integrity is missing: the shell runs only code whose hash the registry published';
  }
  if (typeof remote.integrity !== 'string' || !INTEGRITY_PATTERN.test(remote.integrity)) {
    return `integrity ${JSON.stringify(remote.integrity)} is not a subresource-integrity string`;
  }
  if (typeof remote.version !== 'string' || remote.version === '') return 'version is missing';
  if (!VERSION_PATTERN.test(remote.version)) return `version ${JSON.stringify(remote.version)} is not a semver version`;
  if (typeof remote.owner !== 'string' || remote.owner === '') return 'owner is missing';
  if (!GROUP_REF_PATTERN.test(remote.owner)) return `owner ${JSON.stringify(remote.owner)} is not a group entity ref`;
  return undefined;
}

const optionalString = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Sorts the manifest's entries into those the shell can load and those it can only name (shown
 * with the error card). An entry without a usable name, route and title, or a duplicate, is
 * dropped with a console warning: there is nothing to show it by.
 */
export function sanitizeManifest(manifest: unknown): ShellManifest {
  const entries = (manifest as { remotes?: unknown })?.remotes;
  if (!Array.isArray(entries)) {
    throw new Error('The registry manifest has no "remotes" list');
  }
  const names = new Set<string>();
  const routes = new Set<string>();
  const result: ShellManifest = { remotes: [], unusable: [] };
  for (const candidate of entries as Candidate[]) {
    const unnamed = identityProblem(candidate, names, routes);
    if (unnamed || !candidate) {
      console.warn(`Portico: ignoring manifest remote ${JSON.stringify(candidate?.name)}: ${unnamed}`);
      continue;
    }
    const name = candidate.name as string;
    const route = candidate.route as string;
    names.add(name);
    routes.add(route);
    const problem = loadProblem(candidate);
    if (problem) {
      console.warn(`Portico: manifest remote ${name} cannot be loaded: ${problem}`);
      result.unusable.push({
        name,
        route,
        title: candidate.title as string,
        owner: optionalString(candidate.owner),
        version: optionalString(candidate.version),
        description: optionalString(candidate.description),
        problem,
      });
      continue;
    }
    result.remotes.push(candidate as ManifestRemote);
  }
  return result;
}

/** `GET {backend}/api/registry/manifest`: the live remotes this user may see. */
export async function fetchManifest(backendBaseUrl: string, token: string): Promise<ShellManifest> {
  let response: Response;
  try {
    response = await fetch(`${backendBaseUrl}/api/registry/manifest`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
      cache: 'no-store',
    });
  } catch (error) {
    throw new Error(`The registry at ${backendBaseUrl} could not be reached (${(error as Error).message})`);
  }
  if (!response.ok) {
    throw new Error(`The registry answered ${await describeFailedResponse(response)}`);
  }
  return sanitizeManifest(await response.json());
}
