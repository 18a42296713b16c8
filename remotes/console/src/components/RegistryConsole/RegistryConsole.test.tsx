/** @jest-environment jsdom */
import { act, fireEvent, screen, within } from '@testing-library/react';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { RemoteSummary } from '@portico/contract';
import { fakeResponse, renderWithApis } from '@portico/contract/testUtils';
import { RegistryConsole } from './RegistryConsole';

interface Call {
  method: string;
  url: string;
  body?: string;
}

const json = (status: number, body: unknown) => fakeResponse(status, JSON.stringify(body), 'application/json');

const refusal = (status: number, message: string) =>
  json(status, { error: { name: 'NotAllowedError', message }, response: { statusCode: status } });

function remoteNamed(name: string, liveVersion = '1.0.0'): RemoteSummary {
  return {
    name,
    title: `Remote ${name}`,
    route: `/${name}`,
    owner: 'group:default/payments-team',
    liveVersion,
    visibleTo: [],
    versions: ['1.0.0', '1.1.0'].map(version => ({
      version,
      source: 'upload' as const,
      entry: 'remoteEntry.js',
      publishedAt: '2026-01-01T00:00:00Z',
      publishedBy: 'ci',
    })),
    allowedActions: [],
  };
}

/**
 * Renders the console against a backend that `answer` plays, with every action allowed;
 * returns the registry calls it made (the load-time calls answer 404 and are left out).
 */
function renderConsole(answer: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchApi = {
    fetch: async (input: RequestInfo | URL, init: RequestInit = {}) => {
      const call = { method: init.method ?? 'GET', url: String(input), body: init.body as string | undefined };
      if (call.url.startsWith('http://backend/api/rum')) return fakeResponse(404, '', 'text/plain');
      calls.push(call);
      return answer(call);
    },
  };
  renderWithApis(<RegistryConsole />, [
    [discoveryApiRef, { getBaseUrl: async (pluginId: string) => `http://backend/api/${pluginId}` }],
    [fetchApiRef, fetchApi],
    [permissionApiRef, { authorize: async () => ({ result: 'ALLOW' }) }],
  ]);
  return calls;
}

const row = (name: string) => within(document.querySelector<HTMLElement>(`[data-remote="${name}"]`)!);

it('lists the remotes the registry answers with, after a loading notice', async () => {
  renderConsole(() => json(200, { remotes: [remoteNamed('listed_one'), remoteNamed('listed_two')] }));
  expect(screen.getByTestId('registry-loading')).toBeTruthy();
  await screen.findByTestId('registry-table');
  expect(screen.queryByTestId('registry-loading')).toBeNull();
  expect(screen.getAllByTestId('registry-remote').map(element => element.dataset.remote)).toEqual([
    'listed_one',
    'listed_two',
  ]);
  expect(row('listed_one').getByTestId('live-version').textContent).toBe('1.0.0');
});

it("shows the registry's own message when it cannot list, and lists on Try again", async () => {
  let fail = true;
  const calls = renderConsole(() =>
    fail ? refusal(503, 'the registry database is starting') : json(200, { remotes: [remoteNamed('after_retry')] }),
  );
  const alert = await screen.findByTestId('registry-error');
  expect(alert.textContent).toContain('Could not load the registry: the registry database is starting');
  fail = false;
  fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
  await screen.findByTestId('registry-table');
  expect(screen.queryByTestId('registry-error')).toBeNull();
  expect(calls.map(call => `${call.method} ${call.url}`)).toEqual([
    'GET http://backend/api/registry/remotes',
    'GET http://backend/api/registry/remotes',
  ]);
});

it('promotes through the registry, then shows the remotes as they are now', async () => {
  let live = '1.0.0';
  const calls = renderConsole(call => {
    if (call.url.endsWith('/promote')) {
      live = JSON.parse(call.body!).version;
      return json(200, remoteNamed('promoted', live));
    }
    return json(200, { remotes: [remoteNamed('promoted', live)] });
  });
  const promoted = await screen.findByRole('button', { name: 'Promote' });
  fireEvent.change(row('promoted').getByLabelText('Version of Remote promoted to promote'), {
    target: { value: '1.1.0' },
  });
  await act(async () => fireEvent.click(promoted));
  expect(await row('promoted').findByRole('status')).toHaveProperty('textContent', '1.1.0 is live');
  expect(row('promoted').getByTestId('live-version').textContent).toBe('1.1.0');
  expect(calls.find(call => call.method === 'POST')).toEqual({
    method: 'POST',
    url: 'http://backend/api/registry/remotes/promoted/promote',
    body: '{"version":"1.1.0"}',
  });
});

it("shows the registry's refusal of a rollback in the row", async () => {
  renderConsole(call =>
    call.url.endsWith('/rollback')
      ? refusal(403, 'registry.remote.rollback: user:default/linus may not do this to refused_one')
      : json(200, { remotes: [remoteNamed('refused_one')] }),
  );
  const rollback = await screen.findByRole('button', { name: 'Roll back' });
  await act(async () => fireEvent.click(rollback));
  expect((await row('refused_one').findByRole('alert')).textContent).toBe(
    'registry.remote.rollback: user:default/linus may not do this to refused_one',
  );
});
