/**
 * The Backstage API implementations the shell gives every remote: identity, fetch (with the
 * user's token), discovery, config, error, alert, storage, permission, and what Backstage's
 * page components need (translation, app language, swappable components, plugin header actions).
 */
import { ConfigReader } from '@backstage/config';
import {
  AlertApiForwarder,
  ErrorApiForwarder,
  FetchMiddlewares,
  UrlPatternDiscovery,
  WebStorage,
  createFetchApi,
} from '@backstage/core-app-api';
import {
  type AnyApiRef,
  type ApiHolder,
  type ApiRef,
  type AppLanguageApi,
  type ConfigApi,
  type ErrorApi,
  type AlertApi,
  type IdentityApi,
  type PluginHeaderActionsApi,
  type SwappableComponentsApi,
  type TranslationApi,
  alertApiRef,
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
import { displayNameOf } from '../auth/signedInUser';
import { createPermissionApi, permissionApiRef } from './permissionApi';
import type { RemoteHostContext } from './types';
import { createSwappableComponents } from './swappableComponents';

/** `Symbol.observable` where the platform has it, the conventional string key otherwise. */
const SYMBOL_OBSERVABLE: symbol | '@@observable' =
  (Symbol as unknown as { observable?: symbol }).observable ?? '@@observable';

interface SilentObservable {
  subscribe(): { closed: boolean; unsubscribe(): void };
  [SYMBOL_OBSERVABLE]: () => SilentObservable;
}

/**
 * An Observable that never emits: the shell speaks English only, so the language and the
 * translations never change.
 */
function silentObservable(): SilentObservable {
  const observable: SilentObservable = {
    subscribe: () => ({ closed: true, unsubscribe: () => undefined }),
    [SYMBOL_OBSERVABLE]: () => observable,
  };
  return observable;
}

/** Replaces `{{name}}` placeholders the way Backstage's i18next setup does. */
function interpolate(message: string, values: Record<string, unknown> | undefined): string {
  if (!values) return message;
  return message.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (placeholder, key: string) =>
    key in values ? String(values[key]) : placeholder,
  );
}

/**
 * English only: every translation ref resolves to its default messages. Not core-app-api's
 * `I18nextTranslationApi`: it is not exported from the package's entry point, and it would bring
 * i18next along for one language.
 */
function createTranslationApi(): TranslationApi {
  return {
    getTranslation(translationRef) {
      const messages =
        (translationRef as unknown as { getDefaultMessages?: () => Record<string, string> }).getDefaultMessages?.() ??
        {};
      const t = (key: string, options?: Record<string, unknown>) => interpolate(messages[key] ?? key, options);
      return { ready: true, t } as unknown as ReturnType<TranslationApi['getTranslation']>;
    },
    translation$: () => silentObservable() as unknown as ReturnType<TranslationApi['translation$']>,
  };
}

/** English only. Not core-app-api's `AppLanguageSelector`: the package does not export it. */
function createAppLanguageApi(): AppLanguageApi {
  return {
    getAvailableLanguages: () => ({ languages: ['en'] }),
    setLanguage: () => undefined,
    getLanguage: () => ({ language: 'en' }),
    language$: () => silentObservable() as unknown as ReturnType<AppLanguageApi['language$']>,
  };
}

/** Backstage's error forwarder; the shell logs what a remote reports, unless it is hidden. */
function createErrorApi(remoteName: string): ErrorApi {
  const errorApi = new ErrorApiForwarder();
  errorApi.error$().subscribe(({ error, context }) => {
    if (!context?.hidden) console.error(`Portico: ${remoteName} reported an error:`, error);
  });
  return errorApi;
}

/** Backstage's alert forwarder; the shell logs each alert a remote posts. */
function createAlertApi(remoteName: string): AlertApi {
  const alertApi = new AlertApiForwarder();
  alertApi.alert$().subscribe(alert => console.info(`Portico: ${remoteName}: ${alert.message}`));
  return alertApi;
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

  // Hand-written: Backstage's identity APIs carry the result of its own sign-in page, and the
  // shell has signed the user in already (SignInSession).
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

  const errorApi = createErrorApi(remote.name);
  const getToken = () => session.getToken();
  const pluginHeaderActions: PluginHeaderActionsApi = { getPluginHeaderActions: () => [] };
  const swappableComponents: SwappableComponentsApi = createSwappableComponents(ctx);

  const installable: Array<[AnyApiRef, unknown]> = [
    [
      fetchApiRef,
      // Only requests to the Backstage backend (`backend.baseUrl`) get the user's token.
      createFetchApi({
        baseImplementation: (input, init) => fetch(input, init),
        middleware: FetchMiddlewares.injectIdentityAuth({ identityApi: identity, config }),
      }),
    ],
    [discoveryApiRef, UrlPatternDiscovery.compile(`${runtimeConfig.backendBaseUrl}/api/{{ pluginId }}`)],
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
