import { ResponseError } from '@backstage/errors';
import { createRegistryClient } from './createRegistryClient';
import { describeRegistryError } from './describeRegistryError';

interface Call {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: unknown;
  duplex?: string;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

/** A fetch that records each call and answers with `answer` (200 `{}` by default). */
function fakeFetch(answer: (call: Call) => Response = () => json(200, {})) {
  const calls: Call[] = [];
  const fetchApi = {
    fetch: async (input: RequestInfo | URL, init: RequestInit & { duplex?: string } = {}) => {
      const call = {
        url: String(input),
        method: init.method,
        headers: init.headers as Record<string, string>,
        body: init.body,
        duplex: init.duplex,
      };
      calls.push(call);
      return answer(call);
    },
  };
  return { calls, fetchApi };
}

const REMOTE = { name: 'team_payments', liveVersion: '1.0.0', versions: [], visibleTo: [], allowedActions: [] };

describe('createRegistryClient', () => {
  it('finds the registry through discovery and reads its answers', async () => {
    const { calls, fetchApi } = fakeFetch(call =>
      call.url.endsWith('/history') ? json(200, { history: [{ kind: 'promote' }] }) : json(200, { remotes: [REMOTE] }),
    );
    const discoveryApi = { getBaseUrl: jest.fn(async (pluginId: string) => `http://backend/api/${pluginId}/`) };
    const client = createRegistryClient({ discoveryApi, fetchApi });
    expect(await client.listRemotes()).toEqual([REMOTE]);
    expect(await client.getHistory('team payments')).toEqual([{ kind: 'promote' }]);
    expect(discoveryApi.getBaseUrl).toHaveBeenCalledWith('registry');
    expect(calls.map(call => `${call.method} ${call.url}`)).toEqual([
      'GET http://backend/api/registry/remotes',
      'GET http://backend/api/registry/remotes/team%20payments/history',
    ]);
    expect(calls[0].headers).toEqual({ Accept: 'application/json' });
  });

  it('sends each change as JSON to its route', async () => {
    const { calls, fetchApi } = fakeFetch(() => json(200, REMOTE));
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    await client.promote('team_payments', { version: '1.1.0', percent: 20 });
    await client.deprecate('team_payments', { sunset: '2027-03-31', message: 'use 2.x' });
    await client.setVisibility('team_payments', ['group:default/payments-team']);
    await client.publishExternal('team_search', {
      manifestUrl: 'https://cdn.example.com/mf-manifest.json',
      version: '1.0.0',
      route: '/search',
      title: 'Search',
      owner: 'group:default/search-team',
    });
    await client.registerShellContract({ react: '18.3.1' });
    expect(calls.map(call => [call.method, call.url.replace('http://backend/api/registry', ''), call.body])).toEqual([
      ['POST', '/remotes/team_payments/promote', '{"version":"1.1.0","percent":20}'],
      ['POST', '/remotes/team_payments/deprecate', '{"sunset":"2027-03-31","message":"use 2.x"}'],
      ['PUT', '/remotes/team_payments/visibility', '{"groups":["group:default/payments-team"]}'],
      [
        'POST',
        '/remotes/team_search/versions',
        JSON.stringify({
          manifestUrl: 'https://cdn.example.com/mf-manifest.json',
          version: '1.0.0',
          route: '/search',
          title: 'Search',
          owner: 'group:default/search-team',
        }),
      ],
      ['POST', '/shell-contract', '{"shared":{"react":"18.3.1"}}'],
    ]);
    for (const call of calls) {
      expect(call.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' });
    }
  });

  it('posts a rollback without a body, and asks for the audit trail with its filters', async () => {
    const { calls, fetchApi } = fakeFetch(call =>
      call.url.includes('/audit') ? json(200, { entries: [] }) : json(200, REMOTE),
    );
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    await client.rollback('team_payments');
    expect(await client.listAudit()).toEqual([]);
    await client.listAudit({ remote: 'team_payments', limit: 5 });
    expect(calls.map(call => `${call.method} ${call.url}`)).toEqual([
      'POST http://backend/api/registry/remotes/team_payments/rollback',
      'GET http://backend/api/registry/audit',
      'GET http://backend/api/registry/audit?remote=team_payments&limit=5',
    ]);
    expect(calls[0].body).toBeUndefined();
  });

  it('uploads an archive as gzip, streaming a stream with its length', async () => {
    const { calls, fetchApi } = fakeFetch(() => json(201, { created: true, version: '1.0.0' }));
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    const bytes = new Uint8Array([0x1f, 0x8b, 1, 2]);
    expect(await client.publishArchive('team_payments', bytes)).toEqual({ created: true, version: '1.0.0' });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    await client.publishArchive('team_payments', stream, { contentLength: bytes.length });
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: 'http://backend/api/registry/remotes/team_payments/versions',
      headers: { Accept: 'application/json', 'Content-Type': 'application/gzip' },
      body: bytes,
      duplex: undefined,
    });
    expect(calls[1]).toMatchObject({
      headers: { Accept: 'application/json', 'Content-Type': 'application/gzip', 'Content-Length': '4' },
      body: stream,
      duplex: 'half',
    });
    expect(calls[0].headers).not.toHaveProperty('X-Portico-Owner');
  });

  it("names the remote's owner in a header, so that the registry can decide before it reads the archive", async () => {
    const { calls, fetchApi } = fakeFetch(() => json(201, { created: true, version: '1.0.0' }));
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    const bytes = new Uint8Array([0x1f, 0x8b, 1, 2]);
    await client.publishArchive('team_payments', bytes, { owner: 'group:default/payments-team' });
    expect(calls[0].headers).toEqual({
      Accept: 'application/json',
      'Content-Type': 'application/gzip',
      'X-Portico-Owner': 'group:default/payments-team',
    });
  });

  it('reads the manifest, a remote and the shell contract', async () => {
    const { fetchApi } = fakeFetch(call => {
      if (call.url.endsWith('/manifest')) return json(200, { remotes: [] });
      if (call.url.endsWith('/shell-contract')) return json(200, { shared: null });
      return json(200, REMOTE);
    });
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    expect(await client.getManifest()).toEqual({ remotes: [] });
    expect(await client.getRemote('team_payments')).toEqual(REMOTE);
    expect(await client.getShellContract()).toBeNull();
  });

  it("rejects a non-2xx answer with a ResponseError carrying the server's status and message", async () => {
    const { fetchApi } = fakeFetch(() =>
      json(403, {
        error: { name: 'NotAllowedError', message: 'registry.remote.promote: user:default/linus may not do this' },
        request: { method: 'POST', url: '/remotes/team_payments/promote' },
        response: { statusCode: 403 },
      }),
    );
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    const error = await client.promote('team_payments', { version: '1.0.0' }).catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
    expect(describeRegistryError(error)).toBe('registry.remote.promote: user:default/linus may not do this');
  });

  it('describes an answer that is not a Backstage error body by its status and text', async () => {
    const { fetchApi } = fakeFetch(
      () => new Response('upstream timed out', { status: 502, statusText: 'Bad Gateway' }),
    );
    const client = createRegistryClient({ baseUrl: 'http://backend/api/registry', fetchApi });
    const error = await client.listRemotes().catch(e => e);
    expect(error.statusCode).toBe(502);
    expect(describeRegistryError(error)).toBe('Request failed with status 502 Bad Gateway, upstream timed out');
    expect(describeRegistryError(new TypeError('fetch failed'))).toBe('fetch failed');
  });
});
