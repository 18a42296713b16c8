/** @jest-environment jsdom */
import type { ModuleFederationRuntimePlugin } from '@module-federation/enhanced/runtime';
import { RemoteError, RemoteErrorCode } from '../errors/RemoteError';
import { createRemoteLoader } from './createRemoteLoader';
import type { FederationInstance, FederationOptions, LoadableRemote, RemoteLoader, RemoteLoaderOptions } from './types';

const payments: LoadableRemote = {
  name: 'team_payments',
  entry: 'http://remotes.example/payments/remoteEntry.js',
  integrity: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
};
const search: LoadableRemote = { name: 'team_search', entry: 'http://remotes.example/search/remoteEntry.js' };

type Hook = (args: unknown) => unknown;
type LoadBehaviour = (hooks: { plugin: Record<string, Hook>; guards: Record<string, Hook>[] }) => Promise<unknown>;

/** The Module Federation instances the loaders made, with what was asked of them. */
function fakeFederation() {
  const instances: Array<{
    options: FederationOptions;
    registered: Array<{ names: string[]; force: boolean }>;
    loads: string[];
  }> = [];
  const behaviours = new Map<string, LoadBehaviour>();
  const createFederation = (options: FederationOptions): FederationInstance => {
    const instance = { options, registered: [] as Array<{ names: string[]; force: boolean }>, loads: [] as string[] };
    instances.push(instance);
    const plugin = options.plugins?.[0] as unknown as Record<string, Hook>;
    return {
      registerRemotes: (remotes, registerOptions) => {
        instance.registered.push({ names: remotes.map(remote => remote.name), force: Boolean(registerOptions?.force) });
      },
      loadRemote: async <T>(id: string) => {
        instance.loads.push(id);
        const behaviour = behaviours.get(id) ?? (async () => ({ default: `plugin of ${id}` }));
        return (await behaviour({ plugin, guards: sharedGuards() })) as T;
      },
    };
  };
  return { instances, behaviours, createFederation };
}

/** The loaders' shared guards, as every federation instance (a remote's too) finds them. */
function sharedGuards(): Record<string, Hook>[] {
  const global = globalThis as unknown as { __FEDERATION__: { __GLOBAL_PLUGIN__: ModuleFederationRuntimePlugin[] } };
  return global.__FEDERATION__.__GLOBAL_PLUGIN__.filter(plugin =>
    plugin.name.startsWith('portico-shared-guard'),
  ) as unknown as Record<string, Hook>[];
}

/** A load that fails while fetching the entry, as the runtime reports it. */
const entryFails: LoadBehaviour = async ({ plugin }) => {
  await plugin.afterLoadEntry({
    remoteInfo: { name: 'team_payments' },
    error: new Error('RUNTIME-008: failed to load script'),
  });
  throw new Error('RUNTIME-008: failed to load script');
};

/** What the entry answers when fetched again (jsdom has no Response). */
function probeAnswer(status: number, statusText = '', contentType = 'text/javascript'): Response {
  const headers = { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) };
  return { ok: status >= 200 && status < 300, status, statusText, headers } as unknown as Response;
}

let federation: ReturnType<typeof fakeFederation>;
let probe: jest.Mock;
const loaders: RemoteLoader[] = [];

function createLoader(options: RemoteLoaderOptions = {}) {
  const loader = createRemoteLoader({
    shared: {},
    createFederation: federation.createFederation,
    fetch: probe,
    retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    ...options,
  });
  loaders.push(loader);
  return loader;
}

async function failureOf(promise: Promise<unknown>): Promise<RemoteError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RemoteError)) throw new Error(`expected a RemoteError, got ${String(error)}`);
  return error;
}

beforeEach(() => {
  federation = fakeFederation();
  probe = jest.fn(async () => probeAnswer(200));
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  for (const loader of loaders.splice(0)) loader.dispose();
  jest.restoreAllMocks();
});

describe('createRemoteLoader', () => {
  it('makes a federation instance of its own, sharing loaded-first, with the integrity plugin', () => {
    createLoader();
    createLoader({ name: 'other_shell' });
    expect(federation.instances.map(instance => instance.options)).toEqual([
      expect.objectContaining({ name: 'portico_shell', shareStrategy: 'loaded-first', remotes: [] }),
      expect.objectContaining({ name: 'other_shell', shareStrategy: 'loaded-first' }),
    ]);
    expect(federation.instances[0].options.plugins?.map(plugin => plugin.name)).toEqual(['portico-shell']);
  });

  it('shares no state between two loaders', async () => {
    const first = createLoader();
    const second = createLoader();
    first.register([payments]);
    await expect(first.load(payments)).resolves.toBe('plugin of team_payments/plugin');

    expect(second.loaded(payments)).toBeUndefined();
    const error = await failureOf(second.load(payments));
    expect(error.message).toBe('team_payments is not registered with the federation runtime');
    const [firstInstance, secondInstance] = federation.instances;
    expect(firstInstance.loads).toEqual(['team_payments/plugin']);
    expect(secondInstance.registered).toEqual([]);
    expect(secondInstance.loads).toEqual([]);

    second.register([payments]);
    await second.load(payments);
    first.forget(payments);
    expect(first.loaded(payments)).toBeUndefined();
    expect(second.loaded(payments)).toBe('plugin of team_payments/plugin');
  });

  it('registers each remote once, by name and entry URL', () => {
    const loader = createLoader();
    loader.register([payments, search]);
    loader.register([payments]);
    expect(federation.instances[0].registered).toEqual([{ names: ['team_payments', 'team_search'], force: false }]);
  });

  it("takes a remote's fresh entry URL until its load starts, then keeps the one it loaded from", async () => {
    const loader = createLoader();
    const resigned = (suffix: string) => ({ ...payments, entry: `${payments.entry}?s=${suffix}` });
    loader.register([payments]);
    loader.register([resigned('2')]);
    await loader.load(resigned('2'));
    loader.register([resigned('3')]);
    expect(federation.instances[0].registered).toEqual([
      { names: ['team_payments'], force: false },
      { names: ['team_payments'], force: true },
    ]);
  });

  it("gives a registered entry's <script> its integrity and crossorigin, and leaves other scripts alone", () => {
    createLoader().register([payments, search]);
    const plugin = federation.instances[0].options.plugins?.[0] as unknown as Record<string, Hook>;
    const created = plugin.createScript({ url: `${payments.entry}?v=2` }) as {
      script: HTMLScriptElement;
      timeout: number;
    };
    expect(created.script.src).toBe(`${payments.entry}?v=2`);
    expect(created.script.integrity).toBe(payments.integrity);
    expect(created.script.crossOrigin).toBe('anonymous');
    expect(created.timeout).toBe(15_000);
    const unchecked = plugin.createScript({ url: search.entry }) as { script: HTMLScriptElement };
    expect(unchecked.script.integrity).toBeFalsy();
    expect(unchecked.script.crossOrigin).toBe('anonymous');
    expect(plugin.createScript({ url: 'http://elsewhere.example/x.js' })).toBeUndefined();

    const preloadOps = [{ moduleInfo: {} }];
    plugin.beforePreloadRemote({ preloadOps });
    expect(preloadOps).toEqual([]);
  });

  it("loads a remote's default export once, for a prefetch and the visit alike", async () => {
    const loader = createLoader();
    loader.register([payments]);
    loader.prefetch(payments);
    await expect(loader.load(payments)).resolves.toBe('plugin of team_payments/plugin');
    expect(loader.loaded(payments)).toBe('plugin of team_payments/plugin');
    expect(federation.instances[0].loads).toEqual(['team_payments/plugin']);
  });

  it('forgets a remote: its module and the runtime state, so that the next load starts again', async () => {
    const loader = createLoader();
    loader.register([payments]);
    await loader.load(payments);
    loader.forget(payments);
    expect(loader.loaded(payments)).toBeUndefined();
    expect(federation.instances[0].registered.at(-1)).toEqual({ names: ['team_payments'], force: true });
    await loader.load(payments);
    expect(federation.instances[0].loads).toEqual(['team_payments/plugin', 'team_payments/plugin']);
  });

  it('says an entry that answers 404 is not found, without retrying', async () => {
    federation.behaviours.set('team_payments/plugin', entryFails);
    probe.mockResolvedValue(probeAnswer(404, 'Not Found'));
    const loader = createLoader();
    loader.register([payments]);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.EntryNotFound);
    expect(error.message).toBe(`${payments.entry} answered 404 Not Found`);
    expect(federation.instances[0].loads).toHaveLength(1);
    expect(probe).toHaveBeenCalledWith(payments.entry, expect.objectContaining({ mode: 'cors', cache: 'no-store' }));
    expect(loader.loaded(payments)).toBeUndefined();
  });

  it('retries a server error, resetting the remote between attempts, then says so', async () => {
    federation.behaviours.set('team_payments/plugin', entryFails);
    probe.mockResolvedValue(probeAnswer(503, 'Service Unavailable'));
    const loader = createLoader();
    loader.register([payments]);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.EntryServerError);
    expect(federation.instances[0].loads).toHaveLength(3);
    expect(federation.instances[0].registered.filter(call => call.force)).toHaveLength(2);
  });

  it('succeeds when a retry does, and a failed load can be tried again later', async () => {
    let attempts = 0;
    federation.behaviours.set('team_payments/plugin', async hooks => {
      attempts += 1;
      if (attempts === 1) return entryFails(hooks);
      return { default: 'second time lucky' };
    });
    probe.mockResolvedValue(probeAnswer(502, 'Bad Gateway'));
    const loader = createLoader();
    loader.register([payments]);
    await expect(loader.load(payments)).resolves.toBe('second time lucky');
  });

  it('says a remote that evaluated without a default export is invalid', async () => {
    federation.behaviours.set('team_payments/plugin', async () => ({ named: 1 }));
    const loader = createLoader();
    loader.register([payments]);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.Invalid);
    expect(error.message).toContain('team_payments/plugin has no default export');
  });

  it('gives up on a load that takes longer than the timeout', async () => {
    federation.behaviours.set('team_payments/plugin', () => new Promise(() => undefined));
    const loader = createLoader({ timeoutMs: 20 });
    loader.register([payments]);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.Timeout);
    expect(federation.instances[0].loads).toHaveLength(1);
  });

  it('says which shared singleton a remote could not get, and tells only the loader that registered it', async () => {
    federation.behaviours.set('team_payments/plugin', async ({ guards }) => {
      const error = new Error(
        'Version 18.3.1 from portico_shell of shared singleton module react does not satisfy ^19.0.0',
      );
      for (const guard of guards) {
        guard.errorLoadShare({
          origin: { name: 'team_payments' },
          pkgName: 'react',
          shareInfo: { shareConfig: { singleton: true, requiredVersion: '^19.0.0' } },
          error,
        });
      }
      throw error;
    });
    const unrelated = createLoader();
    const loader = createLoader();
    loader.register([payments]);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.IncompatibleShared);
    expect(error.message).toContain('requires react ^19.0.0, but the shell provides react 18.3.1');
    unrelated.register([search]);
    await expect(unrelated.load(search)).resolves.toBe('plugin of team_search/plugin');
  });

  it("makes every remote's shared singletons strict, but not the shell's own", async () => {
    createLoader();
    const [guard] = sharedGuards().slice(-1);
    const shareInfo = { shareConfig: { singleton: true, requiredVersion: '^18.0.0' } };
    const forRemote = (await guard.beforeLoadShare({ origin: { name: 'team_payments' }, shareInfo })) as {
      shareInfo: { shareConfig: { strictVersion?: boolean } };
    };
    expect(forRemote.shareInfo.shareConfig.strictVersion).toBe(true);
    const forShell = (await guard.beforeLoadShare({
      origin: { name: 'portico_shell' },
      shareInfo,
    })) as typeof forRemote;
    expect(forShell.shareInfo.shareConfig.strictVersion).toBeUndefined();
  });

  it('says the Content-Security-Policy blocked a remote whose origin it refused', async () => {
    federation.behaviours.set('team_payments/plugin', entryFails);
    const loader = createLoader();
    loader.register([payments]);
    const violation = Object.assign(new Event('securitypolicyviolation'), { blockedURI: payments.entry });
    document.dispatchEvent(violation);
    const error = await failureOf(loader.load(payments));
    expect(error.code).toBe(RemoteErrorCode.BlockedByPolicy);
    expect(probe).not.toHaveBeenCalled();

    const other = createLoader();
    other.register([payments]);
    expect((await failureOf(other.load(payments))).code).not.toBe(RemoteErrorCode.BlockedByPolicy);
  });
});

describe('createRemoteLoader with Module Federation’s own createInstance', () => {
  it('makes an instance per loader, and loads entries through <script> tags carrying the integrity', async () => {
    const global = globalThis as unknown as { __FEDERATION__: { __INSTANCES__: Array<{ name: string }> } };
    const before = global.__FEDERATION__.__INSTANCES__.length;
    const appended: HTMLScriptElement[] = [];
    const appendChild = document.head.appendChild.bind(document.head);
    jest.spyOn(document.head, 'appendChild').mockImplementation(node => {
      if (node instanceof HTMLScriptElement) appended.push(node);
      return appendChild(node);
    });
    const first = createRemoteLoader({ shared: {}, timeoutMs: 50, retry: { attempts: 1 }, fetch: probe });
    const second = createRemoteLoader({ shared: {}, timeoutMs: 50, retry: { attempts: 1 }, fetch: probe });
    loaders.push(first, second);
    expect(global.__FEDERATION__.__INSTANCES__.slice(before).map(instance => instance.name)).toEqual([
      'portico_shell',
      'portico_shell',
    ]);

    first.register([payments]);
    // jsdom fetches no scripts: the entry never arrives, and the load times out.
    const error = await failureOf(first.load(payments));
    expect(error.code).toBe(RemoteErrorCode.Timeout);
    expect(appended.map(script => [script.src, script.integrity, script.crossOrigin])).toEqual([
      [payments.entry, payments.integrity, 'anonymous'],
    ]);
  });
});
