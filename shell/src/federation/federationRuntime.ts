/**
 * The one module that talks to the module federation runtime: it registers the remotes the
 * registry's manifest names, verifies their entry scripts and loads their `./plugin` module.
 *
 * The shell's build declares no static remotes; the bundler runtime creates the federation
 * instance these functions act on.
 */
import {
  loadRemote,
  registerPlugins,
  registerRemotes,
  type ModuleFederationRuntimePlugin,
} from '@module-federation/enhanced/runtime';
import type { ManifestRemote } from '@portico/contract';
import { REMOTE_EXPOSED_MODULE } from '@portico/contract/shared';
import { RemoteError, RemoteErrorCode, causeOf, messageOf } from '../errors/RemoteError';

/** How long an entry script may take before the load counts as failed. */
const ENTRY_SCRIPT_TIMEOUT_MS = 20_000;

/** What the shell registered, by container name. */
const registered = new Map<string, ManifestRemote>();
/** Expected SRI of each registered entry script, by URL without query or hash. */
const integrityByEntry = new Map<string, string | undefined>();

function entryKey(url: string): string {
  try {
    const parsed = new URL(url, window.location.href);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/**
 * Gives each remote's entry script the registry's SRI hash and `crossorigin="anonymous"`, so the
 * browser refuses an entry whose bytes differ from what was published. The entry in turn carries
 * the SRI hashes of the remote's chunks (webpack-subresource-integrity), completing the chain.
 */
const integrityPlugin: ModuleFederationRuntimePlugin = {
  name: 'portico-remote-integrity',
  createScript({ url }) {
    const key = entryKey(url);
    if (!integrityByEntry.has(key)) return undefined;
    const script = document.createElement('script');
    script.src = url;
    script.crossOrigin = 'anonymous';
    const integrity = integrityByEntry.get(key);
    if (integrity) script.integrity = integrity;
    return { script, timeout: ENTRY_SCRIPT_TIMEOUT_MS };
  },
  // Preloading would fetch chunks with plain <script> tags, bypassing every check above.
  beforePreloadRemote(args) {
    args.preloadOps.length = 0;
  },
};

let pluginRegistered = false;

/**
 * Registers the manifest's remotes by their `remoteEntry.js` URL. Nothing is fetched until a
 * remote is loaded. Calling it again with a newer manifest re-registers remotes whose entry or
 * integrity changed.
 */
export function registerManifestRemotes(remotes: readonly ManifestRemote[]): void {
  if (!pluginRegistered) {
    registerPlugins([integrityPlugin]);
    pluginRegistered = true;
  }
  const added: ManifestRemote[] = [];
  const changed: ManifestRemote[] = [];
  for (const remote of remotes) {
    const previous = registered.get(remote.name);
    if (!previous) added.push(remote);
    else if (previous.entry !== remote.entry || previous.integrity !== remote.integrity) changed.push(remote);
    else continue;
    if (previous) integrityByEntry.delete(entryKey(previous.entry));
    integrityByEntry.set(entryKey(remote.entry), remote.integrity);
    registered.set(remote.name, remote);
  }
  const toFederation = (remote: ManifestRemote) => ({ name: remote.name, entry: remote.entry });
  if (added.length > 0) registerRemotes(added.map(toFederation));
  if (changed.length > 0) registerRemotes(changed.map(toFederation), { force: true });
}

/** The federation id of a remote's plugin module, such as `team_payments/plugin`. */
export function pluginModuleId(remote: Pick<ManifestRemote, 'name'>): string {
  return `${remote.name}/${REMOTE_EXPOSED_MODULE.replace(/^\.\//, '')}`;
}

async function sha384Of(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha384-${btoa(binary)}`;
}

/**
 * Works out why an entry failed: the federation runtime reports an unreachable entry and an
 * integrity mismatch alike (RUNTIME-008), so fetch it once more and look.
 */
async function diagnoseEntry(remote: ManifestRemote): Promise<string | undefined> {
  try {
    const response = await fetch(remote.entry, { mode: 'cors', cache: 'no-store' });
    if (!response.ok) {
      return `${remote.entry} answered ${response.status} ${response.statusText}`.trim();
    }
    if (remote.integrity?.startsWith('sha384-')) {
      const actual = await sha384Of(await response.arrayBuffer());
      if (actual !== remote.integrity) {
        return `integrity check failed for ${remote.entry}: the registry published ${remote.integrity}, the server sent ${actual}`;
      }
    }
    return undefined;
  } catch (error) {
    return `${remote.entry} could not be fetched (${messageOf(error)})`;
  }
}

/**
 * Loads a registered remote's `./plugin` module and returns its default export. Throws a
 * RemoteError with code PORTICO_REMOTE_LOAD_FAILED when the module cannot be fetched, verified
 * or evaluated. A later call tries again.
 */
export async function loadRemotePlugin(remote: ManifestRemote): Promise<unknown> {
  if (!registered.has(remote.name)) {
    throw new RemoteError(RemoteErrorCode.LoadFailed, `${remote.name} is not registered with the federation runtime`);
  }
  let module: unknown;
  try {
    module = await loadRemote<unknown>(pluginModuleId(remote));
  } catch (error) {
    // The runtime's report is long (arguments, a docs link): its first line, or better the
    // diagnosis, is the cause; the whole report goes in the details.
    const report = messageOf(error);
    const diagnosis =
      (await diagnoseEntry(remote)) ??
      /ScriptExecutionError: .*/.exec(report)?.[0] ??
      (report.includes('RUNTIME-001')
        ? `${remote.entry} loaded but defines no federation container named "${remote.name}"`
        : undefined);
    throw new RemoteError(RemoteErrorCode.LoadFailed, diagnosis ?? causeOf(error), {
      cause: error,
      details: report,
    });
  }
  if (module === null || module === undefined) {
    throw new RemoteError(
      RemoteErrorCode.LoadFailed,
      `${pluginModuleId(remote)} did not load (the federation runtime returned nothing)`,
    );
  }
  const exported = (module as { default?: unknown }).default;
  if (exported === undefined) {
    throw new RemoteError(
      RemoteErrorCode.Invalid,
      `${pluginModuleId(remote)} has no default export; it must default-export a Backstage frontend plugin`,
    );
  }
  return exported;
}
