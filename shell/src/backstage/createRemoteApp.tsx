/**
 * Mounts a remote's Backstage frontend plugin as a small Backstage app of its own
 * (`prepareSpecializedApp` from @backstage/frontend-app-api), with a thin `app` plugin that
 * provides what Backstage's pages attach to and need: the `app/routes` extension and the
 * shell's APIs. Loaded lazily: the first screen does not pay for it.
 *
 * Routes: a remote's `PageBlueprint` paths are relative to where the shell mounts it. The shell
 * prefixes the path of every page attached to `app/routes` with the remote's route, so
 * `path: '/'` is `/payments` in the browser and everything below `/payments/` reaches that page
 * (Backstage matches a page at `/` exactly, so the prefix cannot be a base URL instead).
 */
import { Suspense, useMemo, useSyncExternalStore, type ComponentType, type ReactElement, type ReactNode } from 'react';
import { createVersionedContext, createVersionedValueMap } from '@backstage/version-bridge';
import {
  prepareSpecializedApp,
  type ExtensionFactoryMiddleware,
  type FinalizedSpecializedApp,
} from '@backstage/frontend-app-api';
import {
  ApiBlueprint,
  type ApiHolder,
  type ApiRef,
  type FrontendPlugin,
  coreApis,
  coreExtensionData,
  createExtension,
  createExtensionInput,
  createFrontendPlugin,
  PageBlueprint,
  routeResolutionApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { RemoteError, RemoteErrorCode, messageOf } from '../errors/RemoteError';
import { pluginModuleId } from '../federation/pluginModuleId';
import { Skeleton } from '../components/Skeleton';
import { joinRemotePath } from './remotePaths';
import { createShellApis, type ShellApis } from './shellApis';
import type { RemoteApp, RemoteHostContext } from './types';

/** The plugin id of the shell's own `app` plugin; a remote may not use it. */
const APP_PLUGIN_ID = 'app';
const FRONTEND_PLUGIN_TYPE = '@backstage/FrontendPlugin';

/** Backstage's API context, the one `useApi` reads (shared across copies via version-bridge). */
const ApiContext = createVersionedContext<{ 1: ApiHolder }>('api-context');

/** Provides an API holder to everything below it, like Backstage's ApiProvider. */
export function ApiHolderProvider(props: { apis: ApiHolder; children: ReactNode }) {
  const value = useMemo(() => createVersionedValueMap({ 1: props.apis }), [props.apis]);
  return <ApiContext.Provider value={value}>{props.children}</ApiContext.Provider>;
}

/** Whether a value is a plugin made with `createFrontendPlugin` (any copy of the package). */
export function isFrontendPlugin(value: unknown): value is FrontendPlugin {
  return typeof value === 'object' && value !== null && (value as { $$type?: unknown }).$$type === FRONTEND_PLUGIN_TYPE;
}

/** React's markers of components that are objects: memo, forwardRef and lazy. */
const COMPONENT_OBJECT_TYPES = new Set(['react.memo', 'react.forward_ref', 'react.lazy']);

/**
 * Whether a value is a React component: the legacy plugin style, a page component that uses
 * `@backstage/core-plugin-api` (`useApi`) and is exported as is.
 */
export function isReactComponent(value: unknown): value is ComponentType {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  const marker = (value as { $$typeof?: unknown }).$$typeof;
  return typeof marker === 'symbol' && COMPONENT_OBJECT_TYPES.has(marker.description ?? '');
}

/**
 * Wraps a legacy page component in a frontend plugin: one page at the remote's route, without
 * the shell's page header (a legacy page draws its own).
 */
function wrapLegacyComponent(Component: ComponentType, ctx: RemoteHostContext): FrontendPlugin {
  const page = PageBlueprint.make({
    params: {
      path: '/',
      title: ctx.remote.title,
      noHeader: true,
      loader: async () => <Component />,
    },
  });
  return createFrontendPlugin({ pluginId: ctx.remote.name, title: ctx.remote.title, extensions: [page] });
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'object') {
    const type = (value as { $$type?: unknown }).$$type;
    return typeof type === 'string' ? `a ${type}` : 'a plain object';
  }
  return `a ${typeof value}`;
}

/** Renders the page whose route matches the app-relative location, or the remote's 404. */
function RemoteRoutes(props: {
  pages: ReadonlyMap<string, ReactElement>;
  notFound: ReactElement;
  fallback: ReactElement;
}) {
  const history = useApi(coreApis.appHistory);
  const routeResolution = useApi(routeResolutionApiRef);
  const { location } = useSyncExternalStore(history.subscribe, history.getSnapshot);
  const { matches } = routeResolution.resolvePath({ pathname: location.pathname });
  const match = [...matches].reverse().find(candidate => props.pages.has(candidate.node.spec.id));
  if (!match) return props.notFound;
  return (
    <Suspense key={match.node.spec.id} fallback={props.fallback}>
      {props.pages.get(match.node.spec.id)}
    </Suspense>
  );
}

/** The shell's `app` plugin for one remote: root element, routes, and the shell's APIs. */
function createShellAppPlugin(ctx: RemoteHostContext, apis: ShellApis) {
  const app = createExtension({
    attachTo: { id: 'root', input: 'app' },
    inputs: {
      content: createExtensionInput([coreExtensionData.reactElement], { singleton: true }),
    },
    output: [coreExtensionData.reactElement],
    factory: ({ inputs }) => [coreExtensionData.reactElement(inputs.content.get(coreExtensionData.reactElement))],
  });

  const routes = createExtension({
    name: 'routes',
    attachTo: { id: 'app', input: 'content' },
    inputs: {
      routes: createExtensionInput([
        coreExtensionData.routePath,
        coreExtensionData.routeRef.optional(),
        coreExtensionData.reactElement,
      ]),
    },
    output: [coreExtensionData.reactElement],
    factory({ inputs }) {
      const pages = new Map<string, ReactElement>(
        inputs.routes.map(route => [route.node.spec.id, route.get(coreExtensionData.reactElement)]),
      );
      const fallback = <Skeleton label={`Loading ${ctx.remote.title}…`} testId="remote-loading" />;
      const notFound = (
        <section className="not-found" data-testid="remote-not-found">
          <h2>Page not found</h2>
          <p>{ctx.remote.title} has no page at this address.</p>
        </section>
      );
      return [coreExtensionData.reactElement(<RemoteRoutes pages={pages} notFound={notFound} fallback={fallback} />)];
    },
  });

  const apiExtensions = apis.installable.map(([ref, implementation]) =>
    ApiBlueprint.make({
      name: ref.id.replace(/\./g, '-'),
      params: defineParams => defineParams({ api: ref as ApiRef<unknown>, deps: {}, factory: () => implementation }),
    }),
  );

  return createFrontendPlugin({ pluginId: APP_PLUGIN_ID, extensions: [app, routes, ...apiExtensions] });
}

/** Mounts the remote's top-level pages under its route. */
function mountPagesUnder(route: string): ExtensionFactoryMiddleware {
  return function* prefixPagePaths(originalFactory, { node }) {
    const parent = node.edges.attachedTo;
    const isTopLevelPage = parent?.node.spec.id === 'app/routes' && parent.input === 'routes';
    for (const value of originalFactory()) {
      if (isTopLevelPage && value.id === coreExtensionData.routePath.id) {
        yield coreExtensionData.routePath(joinRemotePath(route, value.value as string));
      } else {
        yield value;
      }
    }
  };
}

/**
 * Apps already built, by plugin, so that revisiting a route does not rebuild its app. The
 * context is kept live: a revisit hands in the new page's callbacks (Retry, sign-out).
 */
const appCache = new WeakMap<object, { app: RemoteApp; ctx: RemoteHostContext }>();

/**
 * Mounts the default export of a remote's `./plugin` module: a Backstage frontend plugin, or a
 * React component (the legacy style) wrapped in one. Throws a RemoteError with code
 * PORTICO_REMOTE_INVALID when it is neither, or the plugin has no page.
 */
export function createRemoteApp(exported: unknown, ctx: RemoteHostContext, options?: { fresh?: boolean }): RemoteApp {
  const moduleId = pluginModuleId(ctx.remote);
  const isLegacy = !isFrontendPlugin(exported) && isReactComponent(exported);
  if (!isFrontendPlugin(exported) && !isLegacy) {
    throw new RemoteError(
      RemoteErrorCode.Invalid,
      `${moduleId} default-exports ${describeValue(exported)}, not a Backstage frontend plugin (createFrontendPlugin) or a React component`,
    );
  }
  const cached = appCache.get(exported as object);
  if (cached && !options?.fresh) {
    Object.assign(cached.ctx, ctx);
    return cached.app;
  }
  const liveCtx = { ...ctx };
  const plugin = isLegacy ? wrapLegacyComponent(exported as ComponentType, liveCtx) : (exported as FrontendPlugin);

  if (plugin.pluginId === APP_PLUGIN_ID) {
    throw new RemoteError(
      RemoteErrorCode.Invalid,
      `${moduleId}: the plugin id "${APP_PLUGIN_ID}" is reserved for the shell`,
    );
  }

  const apis = createShellApis(liveCtx);
  let app: FinalizedSpecializedApp;
  try {
    app = prepareSpecializedApp({
      features: [createShellAppPlugin(liveCtx, apis), plugin],
      config: apis.config,
      advanced: { extensionFactoryMiddleware: mountPagesUnder(ctx.remote.route) },
    }).finalize();
  } catch (error) {
    throw new RemoteError(RemoteErrorCode.Invalid, `${moduleId} could not be mounted: ${messageOf(error)}`, {
      cause: error,
    });
  }

  const problems = app.errors ?? [];
  for (const problem of problems) {
    console.warn(`Portico: ${ctx.remote.name}: ${problem.code}: ${problem.message}`);
  }
  const pages = app.tree.nodes.get('app/routes')?.edges.attachments.get('routes') ?? [];
  if (pages.length === 0) {
    const details = problems.map(problem => problem.message).join('; ');
    throw new RemoteError(
      RemoteErrorCode.Invalid,
      `${moduleId} provides no page (a PageBlueprint extension)${details ? `: ${details}` : ''}`,
    );
  }

  // The shell's APIs first (its identity replaces the app's sign-in proxy), then the app's own.
  const holder: ApiHolder = {
    get: <T,>(ref: ApiRef<T>) => apis.holder.get(ref) ?? app.apis.get(ref),
  };
  const remoteApp: RemoteApp = {
    element: <ApiHolderProvider apis={holder}>{app.element}</ApiHolderProvider>,
  };
  appCache.set(exported as object, { app: remoteApp, ctx: liveCtx });
  return remoteApp;
}
