/**
 * The one module that talks to the module federation runtime: it creates the shell's federation
 * instance (with the shared modules of sharedModules.ts), registers the remotes the registry's
 * manifest names, verifies their entry scripts, loads their `./plugin` module with a timeout and
 * retries, and says precisely why a load failed (see classifyFailure.ts).
 *
 * The shell is built without the federation webpack plugin: this module, in the chunk that loads
 * with the first remote, is where the runtime starts. The first screen does not pay for it.
 */
import {
  init,
  loadRemote,
  registerGlobalPlugins,
  registerRemotes,
  type ModuleFederationRuntimePlugin,
} from '@module-federation/enhanced/runtime';
import type { ManifestRemote } from '@portico/contract';
import { REMOTE_EXPOSED_MODULE } from '@portico/contract/shared';
import { RemoteError, RemoteErrorCode, messageOf } from '../errors/RemoteError';
import {
  type EntryProbe,
  type LoadStage,
  type SharedProblem,
  classifyFailure,
  needsProbe,
} from './classifyFailure';
import { type RetryPolicy, withRetry } from './retry';
import { shellSharedModules } from './sharedModules';

/** The shell's own federation container name (its webpack ModuleFederationPlugin `name`). */
export const SHELL_CONTAINER_NAME = 'portico_shell';

/** What a load needs to know about a remote: a manifest entry. */
export type LoadableRemote = Pick<ManifestRemote, 'name' | 'entry' | 'integrity'>;

export interface FederationSettings {
  /** A load (entry, chunks, evaluation) that takes longer fails with PORTICO_REMOTE_TIMEOUT. */
  timeoutMs: number;
  retry: RetryPolicy;
}

const DEFAULT_SETTINGS: FederationSettings = {
  timeoutMs: 15_000,
  retry: { attempts: 3, baseDelayMs: 300, maxDelayMs: 3_000 },
};
/** Fetching an entry again to diagnose a failure never waits longer than this. */
const PROBE_TIMEOUT_MS = 5_000;

let settings: FederationSettings = DEFAULT_SETTINGS;
/** What the shell registered, by container name. */
const registered = new Map<string, LoadableRemote>();
/** Expected SRI of each registered entry script, by URL without query or hash. */
const integrityByEntry = new Map<string, string | undefined>();
/** What the runtime's hooks saw go wrong during the current attempt, by container name. */
const failures = new Map<string, { stage?: LoadStage; sharedProblem?: SharedProblem }>();
/** Origins whose scripts the Content-Security-Policy blocked. */
const blockedOrigins = new Set<string>();
/** Loads in flight or done, by container name: a visit reuses a hover's prefetch. */
const loads = new Map<string, Promise<unknown>>();
/** Default exports of loaded `./plugin` modules, so a revisit can render synchronously. */
const loadedExports = new Map<string, unknown>();

function entryKey(url: string): string {
  try {
    const parsed = new URL(url, window.location.href);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url, window.location.href).origin;
  } catch {
    return url;
  }
}

function recordFailure(name: string, stage: LoadStage) {
  const current = failures.get(name) ?? {};
  // The earliest stage is the cause; later stages only fail because of it.
  if (!current.stage) failures.set(name, { ...current, stage });
}

/**
 * Gives each remote's entry script the registry's SRI hash and `crossorigin="anonymous"`, so the
 * browser refuses an entry whose bytes differ from what was published; the entry in turn carries
 * the SRI hashes of the remote's chunks (webpack-subresource-integrity), completing the chain.
 * Its other hooks note which lifecycle stage failed, for the error card.
 */
const shellPlugin: ModuleFederationRuntimePlugin = {
  name: 'portico-shell',
  createScript({ url }) {
    const key = entryKey(url);
    if (!integrityByEntry.has(key)) return undefined;
    const script = document.createElement('script');
    script.src = url;
    script.crossOrigin = 'anonymous';
    const integrity = integrityByEntry.get(key);
    if (integrity) script.integrity = integrity;
    return { script, timeout: settings.timeoutMs };
  },
  // Preloading would fetch chunks with plain <script> tags, bypassing every check above.
  beforePreloadRemote(args) {
    args.preloadOps.length = 0;
  },
  async afterLoadEntry(args) {
    if (args.error) recordFailure(args.remoteInfo.name, 'entry');
  },
  async afterInitRemote(args) {
    if (args.error) recordFailure(args.remoteInfo.name, 'init');
  },
  async afterGetExpose(args) {
    if (args.error) recordFailure(args.moduleInfo.name, 'expose');
  },
  async afterExecuteFactory(args) {
    if (args.error) recordFailure(args.moduleInfo.name, 'factory');
  },
};

const SINGLETON_MISMATCH = /Version (\S+) from \S+ of shared singleton module/;

/**
 * Applies to every federation instance, the remotes' included: a remote may only use a shared
 * singleton whose version satisfies what it requires. Module federation merely warns by default
 * and hands over the shell's copy anyway, which breaks in ways no error card can explain.
 */
const sharedGuardPlugin: ModuleFederationRuntimePlugin = {
  name: 'portico-shared-guard',
  async beforeLoadShare(args) {
    const { shareInfo } = args;
    const shareConfig = shareInfo?.shareConfig;
    if (!shareInfo || !shareConfig || args.origin.name === SHELL_CONTAINER_NAME || !shareConfig.singleton) {
      return args;
    }
    return { ...args, shareInfo: { ...shareInfo, shareConfig: { ...shareConfig, strictVersion: true } } };
  },
  errorLoadShare(args) {
    const name = args.origin.name;
    if (name === SHELL_CONTAINER_NAME || !args.error) return;
    const required = args.shareInfo?.shareConfig?.requiredVersion;
    failures.set(name, {
      ...failures.get(name),
      sharedProblem: {
        pkgName: args.pkgName,
        requiredVersion: typeof required === 'string' ? required : String(required),
        providedVersion: SINGLETON_MISMATCH.exec(messageOf(args.error))?.[1],
      },
    });
  },
};

let started = false;

function start() {
  if (started) return;
  started = true;
  registerGlobalPlugins([sharedGuardPlugin]);
  init({
    name: SHELL_CONTAINER_NAME,
    remotes: [],
    shared: shellSharedModules(),
    // A dead remote must not break a healthy one (see /work/shared/FACTS.md).
    shareStrategy: 'loaded-first',
    plugins: [shellPlugin],
  });
  document.addEventListener('securitypolicyviolation', event => {
    if (event.blockedURI) blockedOrigins.add(originOf(event.blockedURI));
  });
}

/** Sets the timeout and retry policy; call before the first load. */
export function configureFederation(overrides: { timeoutMs?: number; retry?: Partial<RetryPolicy> }): void {
  settings = { ...settings, ...overrides, retry: { ...settings.retry, ...overrides.retry } };
}

/**
 * Registers the manifest's remotes by their `remoteEntry.js` URL. Nothing is fetched until a
 * remote is loaded.
 */
export function registerManifestRemotes(remotes: readonly LoadableRemote[]): void {
  start();
  const added: LoadableRemote[] = [];
  for (const remote of remotes) {
    if (registered.has(remote.name)) continue;
    integrityByEntry.set(entryKey(remote.entry), remote.integrity);
    registered.set(remote.name, remote);
    added.push(remote);
  }
  if (added.length > 0) registerRemotes(added.map(remote => ({ name: remote.name, entry: remote.entry })));
}

/** The federation id of a remote's plugin module, such as `team_payments/plugin`. */
export function pluginModuleId(remote: Pick<ManifestRemote, 'name'>): string {
  return `${remote.name}/${REMOTE_EXPOSED_MODULE.replace(/^\.\//, '')}`;
}

/** Forgets everything the runtime holds for a remote (its container global, cached modules). */
function resetRemote(remote: LoadableRemote) {
  registerRemotes([{ name: remote.name, entry: remote.entry }], { force: true });
}

async function sha384Of(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha384-${btoa(binary)}`;
}

/** Fetches the entry once more: the runtime reports a 404, a 500 and a bad hash alike. */
async function probeEntry(remote: LoadableRemote): Promise<EntryProbe> {
  try {
    const response = await fetch(remote.entry, {
      mode: 'cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(Math.min(PROBE_TIMEOUT_MS, settings.timeoutMs)),
    });
    if (!response.ok) return { kind: 'status', status: response.status, statusText: response.statusText };
    if (remote.integrity?.startsWith('sha384-')) {
      const actual = await sha384Of(await response.arrayBuffer());
      if (actual !== remote.integrity) return { kind: 'integrity-mismatch', expected: remote.integrity, actual };
    }
    return { kind: 'ok', contentType: response.headers.get('Content-Type') ?? undefined };
  } catch (error) {
    return { kind: 'unreachable', message: messageOf(error) };
  }
}

const TIMED_OUT = Symbol('timed out');

/** One attempt: load `<name>/plugin` within the timeout, or throw a classified RemoteError. */
async function loadOnce(remote: LoadableRemote, attemptNumber: number): Promise<unknown> {
  if (attemptNumber > 1) resetRemote(remote);
  failures.delete(remote.name);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<typeof TIMED_OUT>(resolve => {
    timer = setTimeout(() => resolve(TIMED_OUT), settings.timeoutMs);
  });
  let module: unknown;
  try {
    module = await Promise.race([loadRemote<unknown>(pluginModuleId(remote)), timeout]);
    if (module === TIMED_OUT) {
      throw classifyFailure({ remote, error: new Error('timed out'), timeoutMs: settings.timeoutMs });
    }
  } catch (error) {
    if (error instanceof RemoteError) throw error;
    const seen = failures.get(remote.name) ?? {};
    const facts = {
      remote,
      error,
      stage: seen.stage,
      sharedProblem: seen.sharedProblem,
      blockedByPolicy: blockedOrigins.has(originOf(remote.entry)),
    };
    throw classifyFailure({ ...facts, probe: needsProbe(facts) ? await probeEntry(remote) : undefined });
  } finally {
    clearTimeout(timer);
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
      `${pluginModuleId(remote)} has no default export; it must default-export a Backstage frontend plugin or a React component`,
    );
  }
  return exported;
}

/**
 * Loads a registered remote's `./plugin` module and returns its default export. Transient
 * failures (a server error, a network error, a chunk that failed) are retried with backoff; the
 * last failure is thrown as a RemoteError. Concurrent calls (a hover's prefetch, then the visit)
 * share one load; a successful load is kept until `forgetRemotePlugin`.
 */
export function loadRemotePlugin(remote: LoadableRemote): Promise<unknown> {
  const existing = loads.get(remote.name);
  if (existing) return existing;
  if (!registered.has(remote.name)) {
    return Promise.reject(
      new RemoteError(RemoteErrorCode.LoadFailed, `${remote.name} is not registered with the federation runtime`),
    );
  }
  const load = withRetry(
    attemptNumber => loadOnce(remote, attemptNumber),
    settings.retry,
    error => error instanceof RemoteError && error.transient,
  ).then(
    exported => {
      loadedExports.set(remote.name, exported);
      return exported;
    },
    (error: unknown) => {
      if (loads.get(remote.name) === load) loads.delete(remote.name);
      throw error;
    },
  );
  loads.set(remote.name, load);
  return load;
}

/** The default export of a remote already loaded, for a synchronous revisit. */
export function loadedRemotePlugin(remote: Pick<ManifestRemote, 'name'>): unknown {
  return loadedExports.get(remote.name);
}

/** Starts loading a remote ahead of a visit (hover or focus on its link); failures stay quiet. */
export function prefetchRemotePlugin(remote: LoadableRemote): void {
  if (loads.has(remote.name) || !registered.has(remote.name)) return;
  loadRemotePlugin(remote).catch(() => undefined);
}

/** Drops a remote's loaded module and runtime state, so that the next load starts from scratch. */
export function forgetRemotePlugin(remote: LoadableRemote): void {
  loads.delete(remote.name);
  loadedExports.delete(remote.name);
  failures.delete(remote.name);
  if (registered.has(remote.name)) resetRemote(remote);
}
