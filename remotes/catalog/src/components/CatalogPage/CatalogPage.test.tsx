/** @jest-environment jsdom */
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { fetchApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { jsonResponse, renderWithApis } from '@portico/contract/testUtils';
import { CatalogPage } from './CatalogPage';

function entity(name: string, kind = 'Component', owner = 'group:default/payments-team') {
  return { apiVersion: 'backstage.io/v1alpha1', kind, metadata: { name, namespace: 'default' }, spec: { owner } };
}

type Answer = { status: number; statusText?: string; body: unknown };

/** The page, with a fetch that records each URL and gives the next of `answers`; refresh is never allowed. */
function renderCatalog(...answers: Answer[]) {
  const asked: URL[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      asked.push(new URL(url));
      const answer = answers.shift();
      if (!answer) throw new Error(`No answer left for ${url}`);
      return jsonResponse(answer.status, answer.body, answer.statusText);
    },
  };
  const permissionApi = { authorize: async () => ({ result: 'DENY' }) };
  renderWithApis(<CatalogPage />, [
    [fetchApiRef, fetchApi],
    [permissionApiRef, permissionApi],
  ]);
  return asked;
}

const rows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map(row => row.getAttribute('data-entity-ref'));

describe('CatalogPage', () => {
  it('lists every offered kind by name, then the next page from the cursor', async () => {
    const asked = renderCatalog(
      { status: 200, body: { items: [entity('payments-api')], totalItems: 2, pageInfo: { nextCursor: 'page-2' } } },
      {
        status: 200,
        body: { items: [entity('payments-db', 'Resource', 'group:ops/dba')], totalItems: 2, pageInfo: {} },
      },
    );
    expect(screen.getByTestId('catalog-loading').textContent).toBe('Loading entities…');
    expect(await screen.findByRole('cell', { name: 'payments-api' })).toBeTruthy();
    expect(screen.getByTestId('catalog-count').textContent).toBe('Showing 1 of 2');
    expect(screen.getByRole('cell', { name: 'payments-team' })).toBeTruthy();
    expect(asked[0].pathname).toBe('/api/catalog/entities/by-query');
    expect(asked[0].searchParams.getAll('filter')).toEqual(
      ['component', 'api', 'system', 'domain', 'resource', 'group', 'user'].map(kind => `kind=${kind}`),
    );
    expect(asked[0].searchParams.get('orderField')).toBe('metadata.name,asc');
    expect(asked[0].searchParams.get('limit')).toBe('50');
    expect(asked[0].searchParams.get('fields')).toBe(
      'kind,metadata.name,metadata.namespace,metadata.title,metadata.description,spec.owner',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(screen.getByRole('button', { name: 'Loading…' }).hasAttribute('disabled')).toBe(true);
    expect(await screen.findByRole('cell', { name: 'payments-db' })).toBeTruthy();
    expect(rows()).toEqual(['component:default/payments-api', 'resource:default/payments-db']);
    expect(screen.getByRole('cell', { name: 'ops/dba' })).toBeTruthy();
    expect(screen.getByTestId('catalog-count').textContent).toBe('Showing 2 of 2');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(asked[1].searchParams.get('cursor')).toBe('page-2');
    expect(asked[1].searchParams.getAll('filter')).toEqual([]);
  });

  it('starts over with the kind chosen', async () => {
    const asked = renderCatalog(
      { status: 200, body: { items: [entity('payments-api')], totalItems: 1, pageInfo: {} } },
      { status: 200, body: { items: [entity('payments', 'System')], totalItems: 1, pageInfo: {} } },
    );
    await screen.findByRole('cell', { name: 'payments-api' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), { target: { value: 'System' } });
    expect(await screen.findByRole('cell', { name: 'payments' })).toBeTruthy();
    expect(rows()).toEqual(['system:default/payments']);
    expect(asked[1].searchParams.getAll('filter')).toEqual(['kind=system']);
  });

  it('says why the catalog could not be listed, and tries again on request', async () => {
    renderCatalog(
      {
        status: 503,
        statusText: 'Service Unavailable',
        body: { error: { name: 'Error', message: 'down' }, response: { statusCode: 503 } },
      },
      { status: 200, body: { items: [entity('payments-api')], totalItems: 1, pageInfo: {} } },
    );
    expect((await screen.findByTestId('catalog-error')).textContent).toContain(
      'Could not load the catalog: The catalog answered 503 Service Unavailable',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('cell', { name: 'payments-api' })).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('starts over when a further page fails and the user tries again', async () => {
    const asked = renderCatalog(
      { status: 200, body: { items: [entity('payments-api')], totalItems: 2, pageInfo: { nextCursor: 'page-2' } } },
      {
        status: 500,
        statusText: 'Internal Server Error',
        body: { error: { name: 'Error', message: 'boom' }, response: { statusCode: 500 } },
      },
      { status: 200, body: { items: [entity('payments-api')], totalItems: 2, pageInfo: { nextCursor: 'page-2' } } },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect((await screen.findByTestId('catalog-error')).textContent).toContain(
      'The catalog answered 500 Internal Server Error',
    );
    expect(screen.queryByTestId('catalog-table')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('button', { name: 'Load more' })).toBeTruthy();
    expect(rows()).toEqual(['component:default/payments-api']);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(asked.map(url => url.searchParams.get('cursor'))).toEqual([null, 'page-2', null]);
  });
});
