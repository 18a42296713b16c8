import { useCallback, useEffect, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { RefreshEntityButton } from '../RefreshEntityButton';
import { catalogStyles } from './styles';

/** The kinds the filter offers, in the order shown. */
export const ENTITY_KINDS = ['Component', 'API', 'System', 'Domain', 'Resource', 'Group', 'User'] as const;
const ALL_KINDS = 'all';
/** Entities fetched per page. */
const PAGE_SIZE = 50;
/** Only the fields the table shows, so that large catalogs stay cheap to list. */
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'spec.owner',
].join(',');

/** The part of a catalog entity this page reads. */
interface CatalogEntity {
  kind: string;
  metadata: { name: string; namespace?: string; title?: string; description?: string };
  spec?: { owner?: string };
}

/** The answer of `GET /api/catalog/entities/by-query`. */
interface QueryEntitiesResponse {
  items: CatalogEntity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

type PageState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; items: CatalogEntity[]; totalItems: number; nextCursor?: string; loadingMore: boolean };

function useCatalogQuery(kind: string) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const fetchPage = useCallback(
    async (cursor?: string): Promise<QueryEntitiesResponse> => {
      const baseUrl = await discoveryApi.getBaseUrl('catalog');
      const params = new URLSearchParams({ limit: String(PAGE_SIZE), fields: FIELDS });
      if (cursor) {
        // A cursor carries the original filter and ordering.
        params.set('cursor', cursor);
      } else {
        params.set('orderField', 'metadata.name,asc');
        // "All" is every kind the filter offers (filter sets are ORed), which leaves out
        // bookkeeping kinds such as Location.
        for (const k of kind === ALL_KINDS ? ENTITY_KINDS : [kind]) {
          params.append('filter', `kind=${k.toLowerCase()}`);
        }
      }
      const response = await fetchApi.fetch(`${baseUrl}/entities/by-query?${params}`);
      if (!response.ok) {
        throw new Error(`The catalog answered ${response.status} ${response.statusText}`);
      }
      return (await response.json()) as QueryEntitiesResponse;
    },
    [discoveryApi, fetchApi, kind],
  );

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    fetchPage().then(
      page => {
        if (!cancelled) {
          setState({
            status: 'ready',
            items: page.items,
            totalItems: page.totalItems,
            nextCursor: page.pageInfo.nextCursor,
            loadingMore: false,
          });
        }
      },
      (error: Error) => {
        if (!cancelled) setState({ status: 'error', message: error.message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fetchPage, attempt]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.nextCursor || state.loadingMore) return;
    const previous = state;
    setState({ ...previous, loadingMore: true });
    fetchPage(previous.nextCursor).then(
      page =>
        setState({
          status: 'ready',
          items: [...previous.items, ...page.items],
          totalItems: page.totalItems,
          nextCursor: page.pageInfo.nextCursor,
          loadingMore: false,
        }),
      (error: Error) => setState({ status: 'error', message: error.message }),
    );
  }, [fetchPage, state]);

  const retry = useCallback(() => setAttempt(n => n + 1), []);
  return { state, loadMore, retry };
}

function entityRefOf(entity: CatalogEntity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind.toLowerCase()}:${namespace}/${entity.metadata.name}`;
}

/** Shows an entity ref such as `group:default/payments-team` as `payments-team`. */
function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  const match = /^(?:[^:]+:)?(?:default\/)?(.+)$/.exec(ref);
  return match ? match[1] : ref;
}

/** Lists the software catalog's entities in a table, filtered by kind. */
export function CatalogPage() {
  const [kind, setKind] = useState<string>(ALL_KINDS);
  const { state, loadMore, retry } = useCatalogQuery(kind);

  return (
    <div className="portico-catalog">
      <style>{catalogStyles}</style>
      <div className="portico-catalog__toolbar">
        <label className="portico-catalog__filter">
          <span>Kind</span>
          <select aria-label="Kind" value={kind} onChange={event => setKind(event.target.value)}>
            <option value={ALL_KINDS}>All</option>
            {ENTITY_KINDS.map(k => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        {state.status === 'ready' && (
          <p className="portico-catalog__count" aria-live="polite" data-testid="catalog-count">
            Showing {state.items.length} of {state.totalItems}
          </p>
        )}
      </div>

      {state.status === 'loading' && (
        <p role="status" aria-live="polite" data-testid="catalog-loading">
          Loading entities…
        </p>
      )}

      {state.status === 'error' && (
        <div role="alert" className="portico-catalog__error" data-testid="catalog-error">
          <p>Could not load the catalog: {state.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}

      {state.status === 'ready' && (
        <>
          <table data-testid="catalog-table">
            <caption className="visually-hidden">Catalog entities</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Owner</th>
                <th scope="col">Description</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {state.items.length === 0 && (
                <tr>
                  <td colSpan={5}>No entities of this kind.</td>
                </tr>
              )}
              {state.items.map(entity => (
                <tr key={entityRefOf(entity)} data-entity-ref={entityRefOf(entity)}>
                  <td className="portico-catalog__name" title={entity.metadata.title}>
                    {entity.metadata.name}
                  </td>
                  <td className="portico-catalog__nowrap">{entity.kind}</td>
                  <td className="portico-catalog__nowrap">{shortRef(entity.spec?.owner)}</td>
                  <td>{entity.metadata.description ?? ''}</td>
                  <td className="portico-catalog__actions">
                    <RefreshEntityButton entityRef={entityRefOf(entity)} name={entity.metadata.name} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {state.nextCursor && (
            <button type="button" onClick={loadMore} disabled={state.loadingMore}>
              {state.loadingMore ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </div>
  );
}
