import { useCallback, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import { usePermission } from '@backstage/plugin-permission-react';

/** Reads Backstage's JSON error body (`{ error: { message } }`), or falls back to the status. */
async function errorMessage(response: Response): Promise<string> {
  const body = await response.json().catch(() => undefined);
  const message: unknown = body?.error?.message;
  // The catalog's NotAllowedError has an empty message.
  return typeof message === 'string' && message ? message : `${response.status} ${response.statusText}`.trim();
}

/** `POST {catalog}/refresh` with `{ entityRef }`: schedules a refresh of the entity from its location. */
export function useRefreshEntity(): (entityRef: string) => Promise<void> {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useCallback(
    async (entityRef: string) => {
      const response = await fetchApi.fetch(`${await discoveryApi.getBaseUrl('catalog')}/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ entityRef }),
      });
      if (!response.ok) throw new Error(await errorMessage(response));
    },
    [discoveryApi, fetchApi],
  );
}

type RefreshState = { status: 'idle' } | { status: 'busy' } | { status: 'done' } | { status: 'failed'; message: string };

interface Props {
  /** The entity to refresh, such as `component:default/payments-api`. */
  entityRef: string;
  /** How the entity is named on screen; the button's accessible name is "Refresh <name>". */
  name: string;
}

/**
 * A Refresh button for one entity, shown only when the permission policy lets the user refresh
 * it (`catalog.entity.refresh` for this entity, through `usePermission`). Nothing is shown while
 * the permission backend is asked, so a button never appears and then disappears. The catalog
 * decides again on the call, and its refusal is shown.
 */
export function RefreshEntityButton({ entityRef, name }: Props) {
  const permission = usePermission({ permission: catalogEntityRefreshPermission, resourceRef: entityRef });
  const refresh = useRefreshEntity();
  const [state, setState] = useState<RefreshState>({ status: 'idle' });

  if (permission.loading || !permission.allowed) return null;

  const onClick = () => {
    setState({ status: 'busy' });
    refresh(entityRef).then(
      () => setState({ status: 'done' }),
      (error: Error) => setState({ status: 'failed', message: error.message }),
    );
  };

  return (
    <span className="portico-catalog__refresh">
      <button type="button" aria-label={`Refresh ${name}`} onClick={onClick} disabled={state.status === 'busy'}>
        {state.status === 'busy' ? 'Refreshing…' : 'Refresh'}
      </button>
      {/* Present from the start, so that screen readers announce what is put into it. */}
      <span role="status" className="portico-catalog__refresh-done">
        {state.status === 'done' ? 'Refresh scheduled' : ''}
      </span>
      {state.status === 'failed' && (
        <span role="alert" className="portico-catalog__refresh-failed">
          Could not refresh: {state.message}
        </span>
      )}
    </span>
  );
}
