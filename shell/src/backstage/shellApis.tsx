/**
 * The Backstage API implementations the shell gives every remote: identity, fetch (with the
 * user's token), discovery, config, error, alert, storage, permission, and what Backstage's
 * page components need (translation, app language, swappable components, plugin header actions).
 */
import { ConfigReader } from '@backstage/config';
import { WebStorage } from '@backstage/core-app-api';
import {
  type AnyApiRef,
  type ApiHolder,
  type ApiRef,
  type AppLanguageApi,
  type ConfigApi,
  type DiscoveryApi,
  type ErrorApi,
  type AlertApi,
  type FetchApi,
  type IdentityApi,
  type PluginHeaderActionsApi,
  type SwappableComponentsApi,
  type TranslationApi,
  alertApiRef,
  createApiRef,
  storageApiRef,
  appLanguageApiRef,
  configApiRef,
  discoveryApiRef,
  errorApiRef,
  fetchApiRef,
  identityApiRef,
  pluginHeaderActionsApiRef,
  swappableComponentsApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
// The shell imports core-plugin-api too, so that its build provides the shared copy remotes use.
import { identityApiRef as legacyIdentityApiRef } from '@backstage/core-plugin-api';
import { displayNameOf } from '../auth/SignInSession';
import type { RemoteHostContext } from './types';
import { createSwappableComponents } from './swappableComponents';

/** `Symbol.observable` where the platform has it, the conventional string key otherwise. */
const SYMBOL_OBSERVABLE: symbol | '@@observable' =
  (Symbol as unknown as { observable?: symbol }).observable ?? '@@observable';

interface SimpleObservable<T> {
  subscribe(observerOrNext?: { next?: (value: T) => void } | ((value: T) => void)): {
    closed: boolean;
    unsubscribe(): void;
  };
  [SYMBOL_OBSERVABLE]: () => SimpleObservable<T>;
}

/** The smallest Observable Backstage's APIs accept: a subject that pushes values to subscribers. */
class Subject<T> {
  readonly #observers = new Set<{ next?: (value: T) => void }>();

  next(value: T) {
    for (const observer of this.#observers) observer.next?.(value);
  }

  asObservable(): SimpleObservable<T> {
    const observers = this.#observers;
    const observable: SimpleObservable<T> = {
      subscribe(observerOrNext) {
        const observer = typeof observerOrNext === 'function' ? { next: observerOrNext } : (observerOrNext ?? {});
        observers.add(observer);
        const subscription = {
          closed: false,
          unsubscribe() {
            subscription.closed = true;
            observers.delete(observer);
          },
        };
        return subscription;
      },
      [SYMBOL_OBSERVABLE]: () => observable,
    };
    return observable;
  }
}

/** Replaces `{{name}}` placeholders the way Backstage's i18next setup does. */
function interpolate(message: string, values: Record<string, unknown> | undefined): string {
  if (!values) return message;
  return message.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, key: string) =>
    key in values ? String(values[key]) : placeholder,
  );
}

/** English only: every translation ref resolves to its default messages. */
function createTranslationApi(): TranslationApi {
  const never = new Subject<never>();
  return {
    getTranslation(translationRef) {
      const messages =
        (translationRef as unknown as { getDefaultMessages?: () => Record<string, string> }).getDefaultMessages?.() ??
        {};
      const t = (key: string, options?: Record<string, unknown>) => interpolate(messages[key] ?? key, options);
      return { ready: true, t } as unknown as ReturnType<TranslationApi['getTranslation']>;
    },
    translation$() {
      return never.asObservable() as unknown as ReturnType<TranslationApi['translation$']>;
    },
  };
}

function createAppLanguageApi(): AppLanguageApi {
  const language = new Subject<{ language: string }>();
  return {
    getAvailableLanguages: () => ({ languages: ['en'] }),
    setLanguage: () => undefined,
    getLanguage: () => ({ language: 'en' }),
    language$: () => language.asObservable() as unknown as ReturnType<AppLanguageApi['language$']>,
  };
}

function createErrorApi(remoteName: string): ErrorApi {
  const errors = new Subject<{ error: Parameters<ErrorApi['post']>[0]; context?: Parameters<ErrorApi['post']>[1] }>();
  return {
    post(error, context) {
      if (!context?.hidden) console.error(`Portico: ${remoteName} reported an error:`, error);
      errors.next({ error, context });
    },
    error$: () => errors.asObservable() as unknown as ReturnType<ErrorApi['error$']>,
  };
}

function createAlertApi(remoteName: string): AlertApi {
  const alerts = new Subject<Parameters<AlertApi['post']>[0]>();
  return {
    post(alert) {
      console.info(`Portico: ${remoteName}: ${alert.message}`);
      alerts.next(alert);
    },
    alert$: () => alerts.asObservable() as unknown as ReturnType<AlertApi['alert$']>,
  };
}

/** Only requests to the Backstage backend get the user's token; nothing else sees it. */
function createFetchApi(backendBaseUrl: string, getToken: () => Promise<string>): FetchApi {
  const backend = new URL(`${backendBaseUrl}/`);
  const isBackendUrl = (url: string) => {
    const target = new URL(url, window.location.href);
    return target.origin === backend.origin && target.pathname.startsWith(backend.pathname);
  };
  return {
    fetch: async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (!isBackendUrl(request.url) || request.headers.has('Authorization')) {
        return fetch(request);
      }
      const headers = new Headers(request.headers);
      headers.set('Authorization', `Bearer ${await getToken()}`);
      return fetch(new Request(request, { headers }));
    },
  } as FetchApi;
}

/**
 * `permissionApiRef` of `@backstage/plugin-permission-react`, by its id: remotes look APIs up by
 * id, so the shell need not bundle that package (and its schema library) to provide it.
 */
export const permissionApiRef = createApiRef<PermissionApi>({ id: 'plugin.permission.api' });

/** What `usePermission` (plugin-permission-react) asks of the permission API. */
export interface PermissionApi {
  authorize(request: {
    permission: { type: string; name: string; attributes: object; resourceType?: string };
    resourceRef?: string;
  }): Promise<{ result: 'ALLOW' | 'DENY' | 'CONDITIONAL' }>;
}

type AuthorizeRequest = Parameters<PermissionApi['authorize']>[0];

/**
 * Asks the permission backend (`POST {backend}/api/permission/authorize`) with the user's token,
 * batching the requests made in the same tick into one call, as Backstage's own client does.
 */
export function createPermissionApi(backendBaseUrl: string, getToken: () => Promise<string>): PermissionApi {
  let pending: Array<{ id: string; request: AuthorizeRequest; settle: (result: Promise<'ALLOW' | 'DENY' | 'CONDITIONAL'>) => void }> = [];
  let nextId = 0;

  async function send(batch: typeof pending) {
    const response = await fetch(`${backendBaseUrl}/api/permission/authorize`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await getToken()}` },
      body: JSON.stringify({
        items: batch.map(({ id, request }) => ({ id, permission: request.permission, resourceRef: request.resourceRef })),
      }),
    });
    if (!response.ok) {
      throw new Error(`The permission backend answered ${response.status} ${response.statusText}`);
    }
    const body = (await response.json()) as { items?: Array<{ id: string; result: 'ALLOW' | 'DENY' | 'CONDITIONAL' }> };
    return new Map((body.items ?? []).map(item => [item.id, item.result]));
  }

  return {
    authorize(request) {
      return new Promise(resolve => {
        const id = String(nextId++);
        if (pending.length === 0) {
          queueMicrotask(() => {
            const batch = pending;
            pending = [];
            const answered = send(batch);
            for (const entry of batch) {
              entry.settle(
                answered.then(results => {
                  const result = results.get(entry.id);
                  if (!result) throw new Error(`The permission backend did not answer request ${entry.id}`);
                  return result;
                }),
              );
            }
          });
        }
        pending.push({ id, request, settle: result => resolve(result.then(value => ({ result: value }))) });
      });
    },
  };
}

/** The shell's APIs for one remote, by API id, plus the list to install in the app tree. */
export interface ShellApis {
  holder: ApiHolder;
  config: ConfigApi;
  /** The implementations that can be installed as API extensions of the app. */
  installable: Array<[AnyApiRef, unknown]>;
}

/** Builds the shell's APIs for one remote. */
export function createShellApis(ctx: RemoteHostContext): ShellApis {
  const { config: runtimeConfig, session, remote } = ctx;

  const config: ConfigApi = new ConfigReader(
    {
      app: { title: runtimeConfig.appTitle, baseUrl: window.location.origin },
      backend: { baseUrl: runtimeConfig.backendBaseUrl },
    },
    'portico-shell',
  );

  const identity: IdentityApi = {
    async getProfileInfo() {
      const user = session.user;
      if (!user) return {};
      return { ...user.profile, displayName: displayNameOf(user) };
    },
    async getBackstageIdentity() {
      const user = session.user;
      if (!user) throw new Error('Not signed in');
      return { type: 'user', userEntityRef: user.userEntityRef, ownershipEntityRefs: user.ownershipEntityRefs };
    },
    async getCredentials() {
      return session.user ? { token: await session.getToken() } : {};
    },
    async signOut() {
      ctx.onSignOut();
    },
  };

  const discovery: DiscoveryApi = {
    getBaseUrl: async (pluginId: string) => `${runtimeConfig.backendBaseUrl}/api/${pluginId}`,
  };

  const errorApi = createErrorApi(remote.name);
  const getToken = () => session.getToken();
  const pluginHeaderActions: PluginHeaderActionsApi = { getPluginHeaderActions: () => [] };
  const swappableComponents: SwappableComponentsApi = createSwappableComponents(ctx);

  const installable: Array<[AnyApiRef, unknown]> = [
    [fetchApiRef, createFetchApi(runtimeConfig.backendBaseUrl, getToken)],
    [discoveryApiRef, discovery],
    [errorApiRef, errorApi],
    // Each remote gets its own namespace: one remote cannot read what another stored.
    [storageApiRef, WebStorage.create({ errorApi, namespace: `portico/${remote.name}` })],
    [permissionApiRef, createPermissionApi(runtimeConfig.backendBaseUrl, getToken)],
    [alertApiRef, createAlertApi(remote.name)],
    [translationApiRef, createTranslationApi()],
    [appLanguageApiRef, createAppLanguageApi()],
    [swappableComponentsApiRef, swappableComponents],
    [pluginHeaderActionsApiRef, pluginHeaderActions],
  ];

  const byId = new Map<string, unknown>(installable.map(([ref, impl]) => [ref.id, impl]));
  // The app's own identity API is a proxy waiting for a sign-in page; the shell signed in already.
  byId.set(identityApiRef.id, identity);
  byId.set(legacyIdentityApiRef.id, identity);
  byId.set(configApiRef.id, config);

  return {
    holder: { get: <T,>(ref: ApiRef<T>) => byId.get(ref.id) as T | undefined },
    config,
    installable,
  };
}
