/** @jest-environment jsdom */
import { fireEvent, screen } from '@testing-library/react';
import { fetchApiRef } from '@backstage/core-plugin-api';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { jsonResponse, renderWithApis } from '@portico/contract/testUtils';
import { TechDocsPage } from './TechDocsPage';

/** An answer of the TechDocs backend: the sync event stream, or the built page (jsdom has no `Response`). */
function textResponse(text: string, status = 200, statusText = ''): Response {
  return { ok: status < 300, status, statusText, headers: new Headers(), text: async () => text } as Response;
}

/** The docs page of `payments-api`, with a fetch that records each URL and gives the next of `answers`. */
function renderDocs(...answers: Array<() => Promise<Response>>) {
  const asked: string[] = [];
  const fetchApi = {
    fetch: async (url: string) => {
      asked.push(url);
      const answer = answers.shift();
      if (!answer) throw new Error(`No answer left for ${url}`);
      return answer();
    },
  };
  renderWithApis(
    <MemoryRouter
      initialEntries={['/docs/payments-api']}
      future={{ v7_startTransition: true, v7_relativeSplatPath: true }}
    >
      <Routes>
        <Route path="/docs/:name" element={<TechDocsPage />} />
      </Routes>
    </MemoryRouter>,
    [[fetchApiRef, fetchApi]],
  );
  return asked;
}

const SYNCED = 'event: log\ndata: "Generating"\n\nevent: finish\ndata: {"updated":true}\n\n';
const PAGE =
  '<html><head><script>alert(1)</script></head><body><nav>menu</nav><main><h1>Runbook</h1></main></body></html>';

describe('TechDocsPage', () => {
  it('has the site built, then shows its main content in a sandboxed frame', async () => {
    let sync!: (response: Response) => void;
    const asked = renderDocs(
      () => new Promise(resolve => (sync = resolve)),
      async () => textResponse(PAGE),
    );
    expect((await screen.findByTestId('techdocs-syncing')).textContent).toBe('Preparing the documentation…');
    sync(textResponse(SYNCED));
    const frame = await screen.findByTestId('techdocs-frame');
    expect(frame.getAttribute('title')).toBe('payments-api documentation');
    expect(frame.getAttribute('sandbox')).toBe('');
    const srcDoc = frame.getAttribute('srcdoc') ?? '';
    expect(srcDoc).toContain('<h1>Runbook</h1>');
    expect(srcDoc).not.toContain('<script');
    expect(srcDoc).not.toContain('menu');
    expect(asked).toEqual([
      'http://backend.test/api/techdocs/sync/default/component/payments-api',
      'http://backend.test/api/techdocs/static/docs/default/component/payments-api/index.html',
    ]);
  });

  it('says which step failed, and starts over on request', async () => {
    renderDocs(
      async () => textResponse(SYNCED),
      async () =>
        jsonResponse(
          404,
          { error: { name: 'NotFoundError', message: 'File not found' }, response: { statusCode: 404 } },
          'Not Found',
        ),
      async () => jsonResponse(500, undefined, 'Internal Server Error'),
      async () => textResponse('event: error\ndata: "mkdocs not found"\n\n'),
    );
    expect((await screen.findByTestId('techdocs-error')).textContent).toContain(
      'TechDocs answered 404 Not Found for the documentation page',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('techdocs-error')).textContent).toContain(
      'TechDocs sync answered 500 Internal Server Error',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect((await screen.findByTestId('techdocs-error')).textContent).toContain(
      'TechDocs could not build the documentation: mkdocs not found',
    );
  });
});
