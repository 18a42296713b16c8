import { catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import { usePermission } from '@backstage/plugin-permission-react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { useCatalogApi } from '../../api/useCatalogApi';
import { describeResponseError } from '../../api/describeResponseError';

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
 * decides again on the call (`POST {catalog}/refresh`, which schedules a refresh of the entity
 * from its location), and its refusal is shown.
 */
export function RefreshEntityButton({ entityRef, name }: Props) {
  const permission = usePermission({ permission: catalogEntityRefreshPermission, resourceRef: entityRef });
  const catalogApi = useCatalogApi();
  const [refresh, startRefresh] = useAsyncFn(async () => {
    await catalogApi.refreshEntity(entityRef);
    return 'scheduled' as const;
  }, [catalogApi, entityRef]);

  if (permission.loading || !permission.allowed) return null;

  return (
    <span className="portico-catalog__refresh">
      <button type="button" aria-label={`Refresh ${name}`} onClick={() => startRefresh()} disabled={refresh.loading}>
        {refresh.loading ? 'Refreshing…' : 'Refresh'}
      </button>
      {/* Present from the start, so that screen readers announce what is put into it. */}
      <span role="status" className="portico-catalog__refresh-done">
        {!refresh.loading && refresh.value === 'scheduled' ? 'Refresh scheduled' : ''}
      </span>
      {!refresh.loading && refresh.error && (
        <span role="alert" className="portico-catalog__refresh-failed">
          Could not refresh: {describeResponseError(refresh.error)}
        </span>
      )}
    </span>
  );
}
