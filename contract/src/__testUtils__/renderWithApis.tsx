import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { type ApiHolder, type ApiRef, discoveryApiRef } from '@backstage/core-plugin-api';
import { createVersionedContext, createVersionedValueMap } from '@backstage/version-bridge';

/** The context `useApi` reads, as the shell's app (Backstage's ApiProvider) provides it. */
const ApiContext = createVersionedContext<{ 1: ApiHolder }>('api-context');

/** The shell's discovery: every backend plugin under one base URL. */
export const testDiscoveryApi = {
  getBaseUrl: async (pluginId: string) => `http://backend.test/api/${pluginId}`,
};

/**
 * Renders `ui` with the given API implementations (by API ref) and the shell's discovery, as the
 * shell's app provides them to a remote. An implementation given for `discoveryApiRef` replaces
 * the default one.
 */
export function renderWithApis(ui: ReactNode, apis: Array<[ApiRef<unknown>, unknown]>) {
  const byId = new Map<string, unknown>([[discoveryApiRef.id, testDiscoveryApi]]);
  for (const [ref, impl] of apis) byId.set(ref.id, impl);
  const holder: ApiHolder = { get: <T,>(ref: ApiRef<T>) => byId.get(ref.id) as T | undefined };
  return render(<ApiContext.Provider value={createVersionedValueMap({ 1: holder })}>{ui}</ApiContext.Provider>);
}

/** An HTTP answer with what Backstage's clients read (jsdom has no `Response`). */
export function fakeResponse(status: number, text: string, contentType: string, statusText = ''): Response {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    url: '',
    headers: new Headers({ 'Content-Type': contentType }),
    text: async () => text,
    json: async () => JSON.parse(text),
  } as Response;
}

/** A JSON answer as a Backstage backend gives it. */
export function jsonResponse(status: number, body?: unknown, statusText = ''): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  return fakeResponse(status, text, 'application/json; charset=utf-8', statusText);
}
