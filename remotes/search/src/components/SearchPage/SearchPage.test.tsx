/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { type ApiHolder, type ApiRef, discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { createVersionedContext, createVersionedValueMap } from '@backstage/version-bridge';
import { MemoryRouter } from 'react-router-dom';
import { SearchPage } from './SearchPage';

/** The context `useApi` reads, as the shell's app (Backstage's ApiProvider) provides it. */
const ApiContext = createVersionedContext<{ 1: ApiHolder }>('api-context');

/** The page at `path`, with discovery and a fetch that records each URL and gives `answer`. */
function renderSearch(path: string, answer: { status: number; body: unknown }) {
  const asked: string[] = [];
  const apis = new Map<string, unknown>([
    [discoveryApiRef.id, { getBaseUrl: async (pluginId: string) => `http://backend.test/api/${pluginId}` }],
    [
      fetchApiRef.id,
      {
        fetch: async (url: string) => {
          asked.push(url);
          return { ok: answer.status < 400, status: answer.status, statusText: 'Internal Server Error', json: async () => answer.body } as Response;
        },
      },
    ],
  ]);
  const holder: ApiHolder = { get: <T,>(ref: ApiRef<T>) => apis.get(ref.id) as T | undefined };
  render(
    <ApiContext.Provider value={createVersionedValueMap({ 1: holder })}>
      <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
        <SearchPage />
      </MemoryRouter>
    </ApiContext.Provider>,
  );
  return asked;
}

describe('SearchPage', () => {
  it('asks the search backend for the term and type in the URL, and lists the results', async () => {
    const asked = renderSearch('/?q=payment%20intents&type=techdocs', {
      status: 200,
      body: {
        results: [
          { type: 'techdocs', document: { title: 'Runbook', text: 'Refunds and captures', location: '/docs/default/component/payments-api/', entityTitle: 'Payments API' } },
        ],
      },
    });
    expect(await screen.findByRole('heading', { name: 'Runbook' })).toBeTruthy();
    expect(screen.getByText('Docs of Payments API')).toBeTruthy();
    expect(asked).toEqual(['http://backend.test/api/search/query?term=payment+intents&types%5B0%5D=techdocs']);
    expect((screen.getByTestId('search-input') as HTMLInputElement).value).toBe('payment intents');
  });

  it('shows no results, not a failure, for a type that has no index yet', async () => {
    renderSearch('/?q=intents&type=techdocs', {
      status: 500,
      body: { error: { name: 'MissingIndexError', message: 'Missing index for techdocs' } },
    });
    expect(await screen.findByText('Nothing found for “intents”.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the search backend fails', async () => {
    renderSearch('/?q=intents', { status: 500, body: { error: { name: 'Error', message: 'boom' } } });
    expect((await screen.findByRole('alert')).textContent).toBe('Search answered 500 Internal Server Error');
  });

  it('asks nothing without a term', async () => {
    const asked = renderSearch('/', { status: 200, body: { results: [] } });
    await new Promise(done => setTimeout(done, 50));
    expect(asked).toEqual([]);
    expect(screen.getByRole('search')).toBeTruthy();
  });
});
