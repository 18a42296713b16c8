/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { fetchApiRef } from '@backstage/core-plugin-api';
import { MemoryRouter } from 'react-router-dom';
import { jsonResponse, renderWithApis } from '@portico/contract/testUtils';
import { SearchPage } from './SearchPage';

type Answer = { status: number; body: unknown };

/**
 * The page at `path`, with discovery and a fetch that records each URL and gives the next answer
 * (the last one repeats).
 */
function renderSearch(path: string, ...answers: Answer[]) {
  const asked: string[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      asked.push(url);
      const answer = answers.length > 1 ? answers.shift()! : answers[0];
      return jsonResponse(answer.status, answer.body, answer.status < 400 ? 'OK' : 'Internal Server Error');
    },
  };
  renderWithApis(
    <MemoryRouter initialEntries={[path]} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <SearchPage />
    </MemoryRouter>,
    [[fetchApiRef, fetchApi]],
  );
  return asked;
}

describe('SearchPage', () => {
  it('asks the search backend for the term and type in the URL, and lists the results', async () => {
    const asked = renderSearch('/?q=payment%20intents&type=techdocs', {
      status: 200,
      body: {
        results: [
          {
            type: 'techdocs',
            document: {
              title: 'Runbook',
              text: 'Refunds and captures',
              location: '/docs/default/component/payments-api/',
              entityTitle: 'Payments API',
            },
          },
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
      body: {
        error: { name: 'MissingIndexError', message: 'Missing index for techdocs' },
        response: { statusCode: 500 },
      },
    });
    expect(await screen.findByText('Nothing found for “intents”.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the search backend fails', async () => {
    renderSearch('/?q=intents', {
      status: 500,
      body: { error: { name: 'Error', message: 'boom' }, response: { statusCode: 500 } },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('Search answered 500 Internal Server Error');
  });

  it('asks nothing without a term', async () => {
    const asked = renderSearch('/', { status: 200, body: { results: [] } });
    await act(() => new Promise(done => setTimeout(done, 50)));
    expect(asked).toEqual([]);
    expect(screen.getByRole('search')).toBeTruthy();
  });

  it('appends the next page for the same term and type', async () => {
    const result = (title: string) => ({
      type: 'software-catalog',
      document: { title, text: '', location: `/catalog/${title}` },
    });
    const asked = renderSearch(
      '/?q=payments&type=software-catalog',
      { status: 200, body: { results: [result('payments-api')], nextPageCursor: 'page-2' } },
      { status: 200, body: { results: [result('payments-db')] } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'More results' }));
    expect(screen.getByRole('button', { name: 'Loading…' }).getAttribute('aria-busy')).toBe('true');
    await screen.findByRole('heading', { name: 'payments-db' });
    expect(screen.getAllByTestId('search-result').map(item => item.getAttribute('data-location'))).toEqual([
      '/catalog/payments-api',
      '/catalog/payments-db',
    ]);
    expect(screen.queryByRole('button', { name: 'More results' })).toBeNull();
    expect(asked).toEqual([
      'http://backend.test/api/search/query?term=payments&types%5B0%5D=software-catalog',
      'http://backend.test/api/search/query?term=payments&types%5B0%5D=software-catalog&pageCursor=page-2',
    ]);
  });

  it('searches for what is typed once typing settles, keeping the type', async () => {
    const asked = renderSearch('/?type=techdocs', {
      status: 200,
      body: { results: [{ type: 'techdocs', document: { title: 'Refunds', text: '', location: '/docs/refunds/' } }] },
    });
    fireEvent.change(screen.getByTestId('search-input'), { target: { value: 'refunds ' } });
    expect(asked).toEqual([]);
    expect(await screen.findByRole('heading', { name: 'Refunds' })).toBeTruthy();
    expect(asked).toEqual(['http://backend.test/api/search/query?term=refunds&types%5B0%5D=techdocs']);
  });
});
