/** @jest-environment jsdom */
import { act, fireEvent, screen } from '@testing-library/react';
import { fetchApiRef } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { jsonResponse, renderWithApis } from '@portico/contract/testUtils';
import { RefreshEntityButton } from './RefreshEntityButton';

type Decision = 'ALLOW' | 'DENY';
interface AuthorizeRequest {
  permission: { name: string; resourceType?: string };
  resourceRef?: string;
}

/**
 * One button per entity ref, with the APIs the shell provides: a permission API that `decide`
 * answers, discovery, and a fetch that records what is posted and gives `answer`.
 */
function renderButtons(options: {
  entityRefs: string[];
  decide: (request: AuthorizeRequest) => Promise<Decision>;
  answer?: { status: number; statusText?: string; body?: unknown };
}) {
  const asked: AuthorizeRequest[] = [];
  const posted: Array<{ url: string; init?: RequestInit }> = [];
  const { status, statusText = '', body } = options.answer ?? { status: 200 };
  const permissionApi = {
    authorize: async (request: AuthorizeRequest) => {
      asked.push(request);
      return { result: await options.decide(request) };
    },
  };
  const fetchApi = {
    fetch: async (url: string, init?: RequestInit) => {
      posted.push({ url, init });
      return jsonResponse(status, body, statusText);
    },
  };
  renderWithApis(
    options.entityRefs.map(ref => <RefreshEntityButton key={ref} entityRef={ref} name={ref.split('/')[1]} />),
    [
      [permissionApiRef, permissionApi],
      [fetchApiRef, fetchApi],
    ],
  );
  return { asked, posted };
}

// usePermission caches decisions by request (SWR), so each test asks about entities of its own.

it('shows nothing while the permission is asked, then the button once it is allowed', async () => {
  let allow!: (decision: Decision) => void;
  const { asked } = renderButtons({
    entityRefs: ['component:default/first'],
    decide: () => new Promise<Decision>(resolve => (allow = resolve)),
  });
  expect(screen.queryByRole('button')).toBeNull();
  expect(asked).toEqual([
    {
      permission: expect.objectContaining({ name: 'catalog.entity.refresh', resourceType: 'catalog-entity' }),
      resourceRef: 'component:default/first',
    },
  ]);
  await act(async () => allow('ALLOW'));
  expect(screen.getByRole('button', { name: 'Refresh first' })).toBeTruthy();
});

it('shows the button only for the entities the policy allows, and none when it fails', async () => {
  renderButtons({
    entityRefs: ['component:default/mine', 'component:default/theirs', 'component:default/unknown'],
    decide: async ({ resourceRef }) => {
      if (resourceRef === 'component:default/unknown') throw new Error('The permission backend answered 500');
      return resourceRef === 'component:default/mine' ? 'ALLOW' : 'DENY';
    },
  });
  await screen.findByRole('button', { name: 'Refresh mine' });
  expect(screen.getAllByRole('button')).toHaveLength(1);
});

it('asks the catalog to refresh the entity and says so', async () => {
  const { posted } = renderButtons({ entityRefs: ['component:default/fourth'], decide: async () => 'ALLOW' });
  fireEvent.click(await screen.findByRole('button', { name: 'Refresh fourth' }));
  expect((await screen.findByText('Refresh scheduled')).getAttribute('role')).toBe('status');
  expect(posted).toEqual([
    {
      url: 'http://backend.test/api/catalog/refresh',
      init: expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ entityRef: 'component:default/fourth' }),
      }),
    },
  ]);
  expect(screen.queryByRole('alert')).toBeNull();
});

it("reports the catalog's refusal as an alert, naming the status when the message is empty", async () => {
  renderButtons({
    entityRefs: ['component:default/fifth'],
    decide: async () => 'ALLOW',
    answer: {
      status: 403,
      statusText: 'Forbidden',
      body: { error: { name: 'NotAllowedError', message: '' }, response: { statusCode: 403 } },
    },
  });
  fireEvent.click(await screen.findByRole('button', { name: 'Refresh fifth' }));
  expect((await screen.findByRole('alert')).textContent).toBe('Could not refresh: 403 Forbidden');
  expect(screen.getByRole('status').textContent).toBe('');
});

it("shows the catalog's own message when it gives one, and clears it on the next try", async () => {
  renderButtons({
    entityRefs: ['component:default/sixth'],
    decide: async () => 'ALLOW',
    answer: {
      status: 404,
      statusText: 'Not Found',
      body: {
        error: { name: 'NotFoundError', message: 'No entity component:default/sixth' },
        response: { statusCode: 404 },
      },
    },
  });
  const button = await screen.findByRole('button', { name: 'Refresh sixth' });
  fireEvent.click(button);
  expect((await screen.findByRole('alert')).textContent).toBe('Could not refresh: No entity component:default/sixth');
  fireEvent.click(button);
  expect(screen.getByRole('button', { name: 'Refresh sixth' }).textContent).toBe('Refreshing…');
  expect(screen.queryByRole('alert')).toBeNull();
  expect(await screen.findByRole('alert')).toBeTruthy();
});
