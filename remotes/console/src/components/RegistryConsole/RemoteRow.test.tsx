/** @jest-environment jsdom */
import { act, within } from '@testing-library/react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { RemoteSummary } from '@portico/contract';
import { renderWithApis } from '@portico/contract/testUtils';
import { RemoteRow } from './RemoteRow';

type Decision = 'ALLOW' | 'DENY';
interface AuthorizeRequest {
  permission: { name: string; resourceType?: string };
  resourceRef?: string;
}

function remoteNamed(name: string, allowedActions: RemoteSummary['allowedActions'] = []): RemoteSummary {
  return {
    name,
    title: `Remote ${name}`,
    route: `/${name}`,
    owner: 'group:default/payments-team',
    liveVersion: '1.0.0',
    visibleTo: [],
    versions: [
      {
        version: '1.0.0',
        source: 'upload',
        entry: 'remoteEntry.js',
        publishedAt: '2026-01-01T00:00:00Z',
        publishedBy: 'ci',
      },
    ],
    allowedActions,
  };
}

/** One row per remote, with a permission API that `decide` answers; returns what was asked. */
function renderRows(remotes: RemoteSummary[], decide: (request: AuthorizeRequest) => Promise<Decision>) {
  const asked: AuthorizeRequest[] = [];
  const permissionApi = {
    authorize: async (request: AuthorizeRequest) => {
      asked.push(request);
      return { result: await decide(request) };
    },
  };
  renderWithApis(
    <table>
      <tbody>
        {remotes.map(remote => (
          <RemoteRow key={remote.name} remote={remote} loadTimes={[]} act={async () => undefined} />
        ))}
      </tbody>
    </table>,
    [[permissionApiRef, permissionApi]],
  );
  return asked;
}

const row = (name: string) => within(document.querySelector<HTMLElement>(`[data-remote="${name}"]`)!);

// usePermission caches decisions by request (SWR), so each test asks about remotes of its own.

it('asks for promote and rollback of each remote by its name, and shows no action until answered', async () => {
  let answer!: () => void;
  const answered = new Promise<void>(resolve => (answer = resolve));
  const asked = renderRows([remoteNamed('pending_one')], async () => (await answered, 'ALLOW'));
  expect(asked).toEqual([
    {
      permission: expect.objectContaining({ name: 'registry.remote.promote', resourceType: 'registry-remote' }),
      resourceRef: 'pending_one',
    },
    {
      permission: expect.objectContaining({ name: 'registry.remote.rollback', resourceType: 'registry-remote' }),
      resourceRef: 'pending_one',
    },
  ]);
  expect(row('pending_one').queryByRole('button')).toBeNull();
  expect(row('pending_one').queryByText('View only')).toBeNull();

  await act(async () => answer());
  expect(row('pending_one').getByRole('button', { name: 'Promote' })).toBeTruthy();
  expect(row('pending_one').getByRole('button', { name: 'Roll back' })).toBeTruthy();
});

it('shows each action only where the policy allows it, whatever allowedActions says', async () => {
  renderRows(
    [remoteNamed('own_remote'), remoteNamed('promote_only'), remoteNamed('other_team', ['promote', 'rollback'])],
    async ({ permission, resourceRef }) => {
      if (resourceRef === 'own_remote') return 'ALLOW';
      if (resourceRef === 'promote_only') return permission.name === 'registry.remote.promote' ? 'ALLOW' : 'DENY';
      return 'DENY';
    },
  );
  await row('other_team').findByText('View only');
  expect(row('other_team').queryByRole('button')).toBeNull();
  expect(row('own_remote').getByRole('button', { name: 'Promote' })).toBeTruthy();
  expect(row('own_remote').getByRole('button', { name: 'Roll back' })).toBeTruthy();
  expect(row('promote_only').getByRole('button', { name: 'Promote' })).toBeTruthy();
  expect(row('promote_only').queryByRole('button', { name: 'Roll back' })).toBeNull();
});

it('offers nothing when the permission backend fails', async () => {
  renderRows([remoteNamed('failing', ['promote', 'rollback'])], async () => {
    throw new Error('The permission backend answered 500');
  });
  await row('failing').findByText('View only');
  expect(row('failing').queryByRole('button')).toBeNull();
});
