import { useState } from 'react';
import { type Entity, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { RefreshEntityButton } from '../RefreshEntityButton';
import { catalogStyles } from './styles';
import { ALL_KINDS, ENTITY_KINDS, useCatalogQuery } from './useCatalogQuery';

/** Shows an owner ref such as `group:default/payments-team` as `payments-team`. */
function shortRef(ref: string | undefined): string {
  if (!ref) return '—';
  try {
    const { namespace, name } = parseEntityRef(ref, { defaultKind: 'group', defaultNamespace: 'default' });
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** `spec` is free-form JSON: only a string owner is shown. */
function ownerOf(entity: Entity): string | undefined {
  const owner = entity.spec?.owner;
  return typeof owner === 'string' ? owner : undefined;
}

/** Why the catalog could not be listed: its status, as the catalog answered. */
function loadFailure(error: Error): string {
  return ResponseError.is(error) ? `The catalog answered ${error.statusCode} ${error.statusText}` : error.message;
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
          <p>Could not load the catalog: {loadFailure(state.error)}</p>
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
              {state.items.map(entity => {
                const entityRef = stringifyEntityRef(entity);
                return (
                  <tr key={entityRef} data-entity-ref={entityRef}>
                    <td className="portico-catalog__name" title={entity.metadata.title}>
                      {entity.metadata.name}
                    </td>
                    <td className="portico-catalog__nowrap">{entity.kind}</td>
                    <td className="portico-catalog__nowrap">{shortRef(ownerOf(entity))}</td>
                    <td>{entity.metadata.description ?? ''}</td>
                    <td className="portico-catalog__actions">
                      <RefreshEntityButton entityRef={entityRef} name={entity.metadata.name} />
                    </td>
                  </tr>
                );
              })}
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
