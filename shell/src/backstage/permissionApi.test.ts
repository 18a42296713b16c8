import { createPermissionApi, permissionApiRef } from './permissionApi';

const BACKEND = 'http://localhost:7007';
const permission = (name: string) => ({ type: 'basic', name, attributes: {} });

describe('createPermissionApi', () => {
  let fetchMock: jest.SpyInstance;
  const getToken = jest.fn(async () => 'user-token');

  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => jest.restoreAllMocks());

  const answer = (status: number, body: unknown, statusText = '') =>
    new Response(JSON.stringify(body), { status, statusText, headers: { 'content-type': 'application/json' } });

  it('is the API remotes look up as plugin-permission-react’s permissionApiRef', () => {
    expect(permissionApiRef.id).toBe('plugin.permission.api');
  });

  it('asks once for the requests of one tick, with the user token, and answers each', async () => {
    fetchMock.mockImplementation(async (_url: string, init: RequestInit) => {
      const { items } = JSON.parse(String(init.body)) as { items: Array<{ id: string; permission: { name: string } }> };
      const results: Record<string, string> = { 'catalog.entity.read': 'ALLOW', 'catalog.entity.delete': 'DENY' };
      return answer(200, {
        items: items.map(item => ({ id: item.id, result: results[item.permission.name] ?? 'CONDITIONAL' })),
      });
    });
    const api = createPermissionApi(BACKEND, getToken);
    const answers = await Promise.all([
      api.authorize({ permission: permission('catalog.entity.read') }),
      api.authorize({ permission: permission('catalog.entity.delete') }),
      api.authorize({ permission: permission('registry.remote.publish'), resourceRef: 'component:default/x' }),
    ]);
    expect(answers).toEqual([{ result: 'ALLOW' }, { result: 'DENY' }, { result: 'CONDITIONAL' }]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe(`${BACKEND}/api/permission/authorize`);
    expect(init).toMatchObject({
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer user-token' },
    });
    expect(JSON.parse(String(init.body)).items).toEqual([
      { id: '0', permission: permission('catalog.entity.read') },
      { id: '1', permission: permission('catalog.entity.delete') },
      { id: '2', permission: permission('registry.remote.publish'), resourceRef: 'component:default/x' },
    ]);
  });

  it('asks again for requests of a later tick', async () => {
    fetchMock.mockImplementation(async (_url: string, init: RequestInit) => {
      const { items } = JSON.parse(String(init.body)) as { items: Array<{ id: string }> };
      return answer(200, { items: items.map(item => ({ id: item.id, result: 'ALLOW' })) });
    });
    const api = createPermissionApi(BACKEND, getToken);
    await api.authorize({ permission: permission('a') });
    await api.authorize({ permission: permission('b') });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it("rejects every request of a batch the backend refused, with the backend's message", async () => {
    fetchMock.mockResolvedValue(
      answer(
        500,
        { error: { name: 'Error', message: 'policy crashed' }, response: { statusCode: 500 } },
        'Internal Server Error',
      ),
    );
    const api = createPermissionApi(BACKEND, getToken);
    const first = api.authorize({ permission: permission('a') });
    const second = api.authorize({ permission: permission('b') });
    const expected = 'The permission backend answered 500 Internal Server Error: policy crashed';
    await expect(first).rejects.toThrow(expected);
    await expect(second).rejects.toThrow(expected);
  });

  it('rejects a request the backend left unanswered', async () => {
    fetchMock.mockResolvedValue(answer(200, { items: [] }));
    await expect(createPermissionApi(BACKEND, getToken).authorize({ permission: permission('a') })).rejects.toThrow(
      'did not answer request 0',
    );
  });
});
