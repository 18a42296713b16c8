import type { QueryEntitiesInitialRequest, QueryEntitiesResponse } from '@backstage/catalog-client';
import type { Entity } from '@backstage/catalog-model';
import useAsyncFn, { type AsyncState } from 'react-use/esm/useAsyncFn';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { useCatalogApi } from '../../api/useCatalogApi';

/** The kinds the filter offers, in the order shown. */
export const ENTITY_KINDS = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User'] as const;
/** The filter's value for every kind it offers. */
export const ALL_KINDS = 'all';
/** Entities fetched per page. */
const PAGE_SIZE = 50;
/** Only the fields the table shows, so that large catalogs stay cheap to list. */
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.owner'];

/** The first page's request; a cursor carries its filter and ordering to the next pages. */
export function firstPageRequest(kind: string): QueryEntitiesInitialRequest {
  // "All" is every kind the filter offers (filter sets are ORed), which leaves out bookkeeping
  // kinds such as Location.
  const kinds = kind === ALL_KINDS ? ENTITY_KINDS : [kind];
  return {
    filter: kinds.map(k => ({ kind: k.toLowerCase() })),
    orderFields: { field: 'metadata.name', order: 'asc' },
    fields: FIELDS,
    limit: PAGE_SIZE,
  };
}

/** The entities loaded so far, continuing the first page `from`. */
interface Listing {
  from: QueryEntitiesResponse;
  items: Entity[];
  totalItems: number;
  nextCursor?: string;
}

/** What loading more ended with, for the first page it continued: a new query leaves it behind. */
interface MoreResult {
  from: QueryEntitiesResponse;
  outcome: Listing | Error;
}

export type CatalogQueryState =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'ready'; items: Entity[]; totalItems: number; nextCursor?: string; loadingMore: boolean };

/** The listing that continues `first`: its first page alone, or what loading more of it ended with. */
function continuationOf(first: QueryEntitiesResponse, more: MoreResult | undefined): Listing | Error {
  if (more?.from === first) return more.outcome;
  return { from: first, items: first.items, totalItems: first.totalItems, nextCursor: first.pageInfo.nextCursor };
}

/** What the page shows. A retry keeps the last error while it loads, so loading is asked first. */
function stateOf(
  first: AsyncState<QueryEntitiesResponse>,
  current: Listing | Error | undefined,
  loadingMore: boolean,
): CatalogQueryState {
  if (first.loading) return { status: 'loading' };
  if (first.error) return { status: 'error', error: first.error };
  if (!current) return { status: 'loading' };
  if (current instanceof Error) return { status: 'error', error: current };
  const { items, totalItems, nextCursor } = current;
  return { status: 'ready', items, totalItems, nextCursor, loadingMore };
}

/**
 * The catalog's entities of one kind (or all offered kinds), by name, page by page. A new kind
 * starts over; `loadMore` appends the next page; `retry` starts over after a failure.
 */
export function useCatalogQuery(kind: string): { state: CatalogQueryState; loadMore: () => void; retry: () => void } {
  const catalogApi = useCatalogApi();
  const first = useAsyncRetry(() => catalogApi.queryEntities(firstPageRequest(kind)), [catalogApi, kind]);
  const [more, fetchMore] = useAsyncFn(
    async (listing: Listing, cursor: string): Promise<MoreResult> => {
      try {
        const page = await catalogApi.queryEntities({ cursor, fields: FIELDS, limit: PAGE_SIZE });
        const items = [...listing.items, ...page.items];
        const outcome = { ...listing, items, totalItems: page.totalItems, nextCursor: page.pageInfo.nextCursor };
        return { from: listing.from, outcome };
      } catch (error) {
        // Kept with the first page it continued, so that a new query or a retry leaves it behind.
        return { from: listing.from, outcome: error instanceof Error ? error : new Error(String(error)) };
      }
    },
    [catalogApi],
  );

  const current = first.value && continuationOf(first.value, more.value);
  const loadMore = () => {
    if (current && !(current instanceof Error) && current.nextCursor && !more.loading) {
      fetchMore(current, current.nextCursor);
    }
  };
  return { state: stateOf(first, current, more.loading), loadMore, retry: first.retry };
}
