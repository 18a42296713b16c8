import { useMemo } from 'react';
import { type CatalogApi, CatalogClient } from '@backstage/catalog-client';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';

/**
 * Backstage's catalog client on the shell's APIs: discovery finds the catalog backend, and the
 * shell's fetch adds the user's token, so the catalog's permission policy applies to every call.
 * The shell provides no `catalogApiRef`, so the remote builds its own client.
 */
export function useCatalogApi(): CatalogApi {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(() => new CatalogClient({ discoveryApi, fetchApi }), [discoveryApi, fetchApi]);
}
