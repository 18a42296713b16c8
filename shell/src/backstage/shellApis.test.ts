import { discoveryApiRef, errorApiRef, fetchApiRef, identityApiRef } from '@backstage/frontend-plugin-api';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import type { RuntimeConfig } from '../config/runtimeConfig';
import { permissionApiRef } from './permissionApi';
import { createShellApis } from './shellApis';

const BACKEND = 'http://localhost:7007';

function shellApis() {
  const session = {
    user: { token: 't', expiresAt: 0, userEntityRef: 'user:default/ada', ownershipEntityRefs: [], profile: {} },
    getToken: jest.fn(async () => 'user-token'),
  } as unknown as SignInSession;
  const apis = createShellApis({
    remote: { name: 'team_payments', title: 'Payments', route: '/payments' } as ManifestRemote,
    config: { backendBaseUrl: BACKEND, appTitle: 'Portico' } as RuntimeConfig,
    session,
    onRetry: () => undefined,
    onSignOut: () => undefined,
  });
  return { apis, session };
}

describe('createShellApis', () => {
  let sent: Request[];
  beforeEach(() => {
    sent = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      sent.push(new Request(input, init));
      return new Response(null, { status: 204 });
    });
    Object.assign(globalThis, { window: { location: { origin: 'http://localhost:3000' } } });
  });
  afterEach(() => {
    delete (globalThis as { window?: unknown }).window;
    jest.restoreAllMocks();
  });

  it("gives requests to the backend, and only those, the user's token", async () => {
    const { apis } = shellApis();
    const fetchApi = apis.holder.get(fetchApiRef)!;
    await fetchApi.fetch(`${BACKEND}/api/catalog/entities`);
    await fetchApi.fetch('https://elsewhere.example/data.json');
    await fetchApi.fetch(`${BACKEND}/api/catalog/entities`, { headers: { Authorization: 'Bearer own' } });
    expect(sent.map(request => request.headers.get('Authorization'))).toEqual([
      'Bearer user-token',
      null,
      'Bearer own',
    ]);
  });

  it('finds the backend plugins, the signed-in identity and the permission API by id', async () => {
    const { apis } = shellApis();
    await expect(apis.holder.get(discoveryApiRef)!.getBaseUrl('catalog')).resolves.toBe(`${BACKEND}/api/catalog`);
    await expect(apis.holder.get(identityApiRef)!.getBackstageIdentity()).resolves.toMatchObject({
      userEntityRef: 'user:default/ada',
    });
    expect(apis.holder.get(permissionApiRef)).toBeDefined();
  });

  it('forwards the errors a remote posts, logging those that are not hidden', () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const errorApi = shellApis().apis.holder.get(errorApiRef)!;
    const seen: string[] = [];
    errorApi.error$().subscribe(({ error }) => seen.push(error.message));
    errorApi.post(new Error('shown'));
    errorApi.post(new Error('quiet'), { hidden: true });
    expect(seen).toEqual(['shown', 'quiet']);
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
