import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useCatalogApi } from '../../api/useCatalogApi';

/** The group whose components this page lists. */
export const PAYMENTS_OWNER = 'group:default/payments-team';
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
];

export type ListState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; components: Entity[] };

/** The components the payments team owns, by name (the catalog's permission policy applies). */
export function usePaymentsComponents(): { state: ListState; retry: () => void } {
  const catalogApi = useCatalogApi();
  const { loading, error, value, retry } = useAsyncRetry(async () => {
    const { items } = await catalogApi.queryEntities({
      filter: { kind: 'component', 'relations.ownedBy': PAYMENTS_OWNER },
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: FIELDS,
      limit: 100,
    });
    return items;
  }, [catalogApi]);
  // A retry keeps the last error while it loads, so loading is asked first.
  if (loading) return { state: { status: 'loading' }, retry };
  if (error) {
    const message = ResponseError.is(error)
      ? `The catalog answered ${error.statusCode} ${error.statusText}`
      : error.message;
    return { state: { status: 'error', message }, retry };
  }
  return { state: { status: 'ready', components: value ?? [] }, retry };
}
