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
 * shell's app provides them to a remote.
 */
export function renderWithApis(ui: ReactNode, apis: Array<[ApiRef<unknown>, unknown]>) {
  const byId = new Map<string, unknown>([[discoveryApiRef.id, testDiscoveryApi]]);
  for (const [ref, impl] of apis) byId.set(ref.id, impl);
  const holder: ApiHolder = { get: <T,>(ref: ApiRef<T>) => byId.get(ref.id) as T | undefined };
  return render(<ApiContext.Provider value={createVersionedValueMap({ 1: holder })}>{ui}</ApiContext.Provider>);
}

/** A JSON answer as a Backstage backend gives it (jsdom has no `Response`). */
export function jsonResponse(status: number, body?: unknown, statusText = ''): Response {
  const text = body === undefined ? '' : JSON.stringify(body);
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText,
    headers: new Headers({ 'Content-Type': 'application/json; charset=utf-8' }),
    text: async () => text,
    json: async () => JSON.parse(text),
  } as Response;
}
