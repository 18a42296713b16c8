import { readCatalogProfile } from './catalogProfile';

const BACKEND = 'http://localhost:7007';

describe('readCatalogProfile', () => {
  let fetchMock: jest.SpyInstance;
  beforeEach(() => {
    fetchMock = jest.spyOn(globalThis, 'fetch');
  });
  afterEach(() => jest.restoreAllMocks());

  it("reads the profile of the user's catalog entity by its ref, with the user's token", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ kind: 'User', spec: { profile: { displayName: 'Ada Lovelace' } } }), {
        status: 200,
      }),
    );
    const profile = await readCatalogProfile(BACKEND, { userEntityRef: 'user:team a/ada', token: 'tok' });
    expect(profile).toEqual({ displayName: 'Ada Lovelace' });
    expect(fetchMock).toHaveBeenCalledWith(`${BACKEND}/api/catalog/entities/by-name/user/team%20a/ada`, {
      headers: { Authorization: 'Bearer tok' },
    });
  });

  it('reads nothing for a ref it cannot parse, and is undefined when the catalog says no', async () => {
    expect(await readCatalogProfile(BACKEND, { userEntityRef: 'ada', token: 'tok' })).toBeUndefined();
    expect(fetchMock).not.toHaveBeenCalled();
    fetchMock.mockResolvedValue(new Response('{}', { status: 404 }));
    expect(await readCatalogProfile(BACKEND, { userEntityRef: 'user:default/ada', token: 'tok' })).toBeUndefined();
  });
});
