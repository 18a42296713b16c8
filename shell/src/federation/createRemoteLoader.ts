/**
 * The one module that talks to the module federation runtime: a remote loader owns a federation
 * instance (with the shared modules of sharedModules.ts), registers the remotes the registry's
 * manifest names, verifies their entry scripts, loads their `./plugin` module with a timeout and
 * retries, and says precisely why a load failed (see classifyFailure.ts).
 *
 * The shell is built without the federation webpack plugin: this module, in the chunk that loads
 * with the first remote, is where the runtime starts. The first screen does not pay for it.
 */
import { createInstance, registerGlobalPlugins } from '@module-federation/enhanced/runtime';
import { RemoteError, RemoteErrorCode } from '../errors/RemoteError';
import { type LoadStage, type SharedProblem, classifyFailure, needsProbe } from './classifyFailure';
import { createIntegrityPlugin, createSharedGuardPlugin } from './federationPlugins';
import { pluginModuleId } from './pluginModuleId';
import { probeEntry } from './probeEntry';
import { type RetryPolicy, withRetry } from './retry';
import { shellSharedModules } from './sharedModules';
import type { FederationInstance, LoadableRemote, RemoteLoader, RemoteLoaderOptions } from './types';

/** The shell's own federation container name (its webpack ModuleFederationPlugin `name`). */
export const SHELL_CONTAINER_NAME = 'portico_shell';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 300, maxDelayMs: 3_000 };
const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/** Global plugin names must be unique; this numbers the loaders' shared guards. */
let guardsRegistered = 0;

function resolveUrl(url: string): URL | undefined {
  try {
    return new URL(url, globalThis.location?.href);
  } catch {
    return undefined;
  }
}

/** An entry URL without query or hash, as the integrity hook looks it up. */
function entryKey(url: string): string {
  const parsed = resolveUrl(url);
  return parsed ? `${parsed.origin}${parsed.pathname}` : url;
}

function originOf(url: string): string {
  return resolveUrl(url)?.origin ?? url;
}

const TIMED_OUT = Symbol('timed out');

/** What the runtime's hooks saw go wrong during the current attempt at one remote. */
interface SeenFailure {
  stage?: LoadStage;
  sharedProblem?: SharedProblem;
}

/** Creates a remote loader with a Module Federation instance of its own (see RemoteLoaderOptions). */
export function createRemoteLoader(options: RemoteLoaderOptions = {}): RemoteLoader {
  const name = options.name ?? SHELL_CONTAINER_NAME;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...options.retry };
  const probeTimeoutMs = Math.min(options.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS, timeoutMs);
  const fetchEntry = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  /** What this loader registered, by container name. */
  const registered = new Map<string, LoadableRemote>();
  /** Expected SRI of each registered entry script, by URL without query or hash. */
  const integrityByEntry = new Map<string, string | undefined>();
  /** What the runtime's hooks saw go wrong during the current attempt, by container name. */
  const failures = new Map<string, SeenFailure>();
  /** Origins whose scripts the Content-Security-Policy blocked. */
  const blockedOrigins = new Set<string>();
  /** Loads in flight or done, by container name: a visit reuses a hover's prefetch. */
  const loads = new Map<string, Promise<unknown>>();
  /** Default exports of loaded `./plugin` modules, so a revisit can render synchronously. */
  const loadedExports = new Map<string, unknown>();

  const recordStage = (remoteName: string, stage: LoadStage) => {
    const current = failures.get(remoteName) ?? {};
    // The earliest stage is the cause; later stages only fail because of it.
    if (!current.stage) failures.set(remoteName, { ...current, stage });
  };

  guardsRegistered += 1;
  registerGlobalPlugins([
    createSharedGuardPlugin({
      pluginName: `portico-shared-guard-${guardsRegistered}`,
      shellName: name,
      owns: remoteName => registered.has(remoteName),
      onSharedProblem: (remoteName, sharedProblem) =>
        failures.set(remoteName, { ...failures.get(remoteName), sharedProblem }),
    }),
  ]);
  const federation: FederationInstance = (options.createFederation ?? createInstance)({
    name,
    remotes: [],
    shared: options.shared ?? shellSharedModules(),
    // A dead remote must not break a healthy one: a remote gets the copy loaded first.
    shareStrategy: 'loaded-first',
    plugins: [
      createIntegrityPlugin({
        integrityOf: url => {
          const key = entryKey(url);
          return { known: integrityByEntry.has(key), integrity: integrityByEntry.get(key) };
        },
        timeoutMs,
        onStageFailed: recordStage,
      }),
    ],
  });

  const onPolicyViolation = (event: SecurityPolicyViolationEvent) => {
    if (event.blockedURI) blockedOrigins.add(originOf(event.blockedURI));
  };
  globalThis.document?.addEventListener('securitypolicyviolation', onPolicyViolation);

  /** Forgets everything the runtime holds for a remote (its container global, cached modules). */
  const resetRemote = (remote: LoadableRemote) =>
    federation.registerRemotes([{ name: remote.name, entry: remote.entry }], { force: true });

  /** One attempt: load `<name>/plugin` within the timeout, or throw a classified RemoteError. */
  async function loadOnce(remote: LoadableRemote, attemptNumber: number): Promise<unknown> {
    if (attemptNumber > 1) resetRemote(remote);
    failures.delete(remote.name);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<typeof TIMED_OUT>(resolve => {
      timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs);
    });
    let module: unknown;
    try {
      module = await Promise.race([federation.loadRemote<unknown>(pluginModuleId(remote)), timeout]);
      if (module === TIMED_OUT) {
        throw classifyFailure({ remote, error: new Error('timed out'), timeoutMs });
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
      const probe = needsProbe(facts)
        ? await probeEntry(remote, { timeoutMs: probeTimeoutMs, fetch: fetchEntry })
        : undefined;
      throw classifyFailure({ ...facts, probe });
    } finally {
      clearTimeout(timer);
    }
    return defaultExportOf(remote, module);
  }

  function load(remote: LoadableRemote): Promise<unknown> {
    const existing = loads.get(remote.name);
    if (existing) return existing;
    if (!registered.has(remote.name)) {
      return Promise.reject(
        new RemoteError(RemoteErrorCode.LoadFailed, `${remote.name} is not registered with the federation runtime`),
      );
    }
    const loading = withRetry(
      attemptNumber => loadOnce(remote, attemptNumber),
      retry,
      error => error instanceof RemoteError && error.transient,
    ).then(
      exported => {
        loadedExports.set(remote.name, exported);
        return exported;
      },
      (error: unknown) => {
        if (loads.get(remote.name) === loading) loads.delete(remote.name);
        throw error;
      },
    );
    loads.set(remote.name, loading);
    return loading;
  }

  function forget(remote: LoadableRemote): void {
    loads.delete(remote.name);
    loadedExports.delete(remote.name);
    failures.delete(remote.name);
    if (registered.has(remote.name)) resetRemote(remote);
  }

  return {
    register(remotes) {
      const added = remotes.filter(remote => !registered.has(remote.name));
      const renewed = remotes.filter(remote => {
        const current = registered.get(remote.name);
        return current !== undefined && current.entry !== remote.entry && !loads.has(remote.name);
      });
      for (const remote of [...added, ...renewed]) {
        integrityByEntry.set(entryKey(remote.entry), remote.integrity);
        registered.set(remote.name, remote);
      }
      if (added.length > 0)
        federation.registerRemotes(added.map(remote => ({ name: remote.name, entry: remote.entry })));
      for (const remote of renewed) resetRemote(remote);
    },
    load,
    prefetch(remote) {
      if (loads.has(remote.name) || !registered.has(remote.name)) return;
      load(remote).catch(() => undefined);
    },
    loaded: remote => loadedExports.get(remote.name),
    forget,
    dispose() {
      globalThis.document?.removeEventListener('securitypolicyviolation', onPolicyViolation);
      for (const state of [registered, integrityByEntry, failures, blockedOrigins, loads, loadedExports]) state.clear();
    },
  };
}

/** The `./plugin` module's default export, or the RemoteError that says why there is none. */
function defaultExportOf(remote: LoadableRemote, module: unknown): unknown {
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
