/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { fetchApiRef } from '@backstage/core-plugin-api';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { jsonResponse, renderWithApis } from '@portico/contract/testUtils';
import { ComponentList } from './ComponentList';

type Answer = { status: number; statusText?: string; body: unknown };

/** The list at `/payments`, with a fetch that records each URL and gives the next of `answers`. */
function renderList(...answers: Answer[]) {
  const asked: URL[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      asked.push(new URL(url));
      const answer = answers.shift();
      if (!answer) throw new Error(`No answer left for ${url}`);
      return jsonResponse(answer.status, answer.body, answer.statusText);
    },
  };
  renderWithApis(
    <MemoryRouter initialEntries={['/payments']} future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
      <Routes>
        <Route path="/payments" element={<ComponentList />} />
      </Routes>
    </MemoryRouter>,
    [[fetchApiRef, fetchApi]],
  );
  return asked;
}

const paymentsApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
  spec: { type: 'service', lifecycle: 'production' },
};
const paymentsDb = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-db' },
  spec: {},
};

describe('ComponentList', () => {
  it("asks the catalog for the payments team's components and links the ones with docs", async () => {
    const asked = renderList({ status: 200, body: { items: [paymentsApi, paymentsDb], totalItems: 2, pageInfo: {} } });
    expect(screen.getByTestId('payments-loading')).toBeTruthy();
    const rows = await screen.findAllByTestId('payments-component');
    expect(rows.map(row => row.getAttribute('data-name'))).toEqual(['payments-api', 'payments-db']);
    expect(rows[0].textContent).toBe('payments-apiproductionserviceDocs');
    expect(rows[1].textContent).toBe('payments-db———');
    expect(screen.getByTestId('docs-link').getAttribute('href')).toBe('/payments/docs/payments-api');
    expect(asked).toHaveLength(1);
    expect(asked[0].pathname).toBe('/api/catalog/entities/by-query');
    expect(asked[0].searchParams.getAll('filter')).toEqual([
      'kind=component,relations.ownedBy=group:default/payments-team',
    ]);
    expect(asked[0].searchParams.get('orderField')).toBe('metadata.name,asc');
    expect(asked[0].searchParams.get('limit')).toBe('100');
  });

  it('says why the catalog could not be asked, and asks again on request', async () => {
    renderList(
      {
        status: 500,
        statusText: 'Internal Server Error',
        body: { error: { name: 'Error', message: 'boom' }, response: { statusCode: 500 } },
      },
      { status: 200, body: { items: [], totalItems: 0, pageInfo: {} } },
    );
    expect((await screen.findByTestId('payments-error')).textContent).toContain(
      "Could not load the payments team's components: The catalog answered 500 Internal Server Error",
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('The payments team owns no components yet.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
