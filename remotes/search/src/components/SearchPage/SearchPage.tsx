import { useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useDebounce from 'react-use/esm/useDebounce';
import { searchStyles } from './styles';
import { SEARCH_TYPES, SearchResult, SearchType, useSearch } from './useSearch';

/** Typing settles for this long before a query is sent. */
const DEBOUNCE_MS = 250;
const ALL_TYPES = 'all';

function isSearchType(value: string | null): value is SearchType {
  return value !== null && Object.hasOwn(SEARCH_TYPES, value);
}

/** What the result is about: `Component · payments-team` for the catalog, the entity for docs. */
function describe(result: SearchResult): string {
  const { kind, owner, entityTitle, name } = result.document;
  if (result.type === 'techdocs') return `Docs of ${entityTitle || name || 'an entity'}`;
  return [kind, owner?.replace(/^group:(default\/)?/, '')].filter(Boolean).join(' · ');
}

/**
 * Search over the catalog and TechDocs. The term and type live in the URL (`?q=…&type=…`), so a
 * search can be shared and survives a reload; results come only from what the user may read.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const term = params.get('q') ?? '';
  const typeParam = params.get('type');
  const type = isSearchType(typeParam) ? typeParam : undefined;
  const [draft, setDraft] = useState(term);
  const { state, loadMore } = useSearch(term, type);
  const inputId = useId();
  const typeId = useId();

  // Follow the URL when it changes from outside (back and forward).
  useEffect(() => setDraft(term), [term]);

  const update = (next: { q?: string; type?: string }) => {
    const merged = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value && value !== ALL_TYPES) merged.set(key, value);
      else merged.delete(key);
    }
    setParams(merged, { replace: true });
  };

  // Only a new draft schedules a query; when it is due, it reads the params and term of then.
  useDebounce(
    () => {
      if (draft.trim() !== term) update({ q: draft.trim() });
    },
    DEBOUNCE_MS,
    [draft],
  );

  return (
    <div className="portico-search" data-testid="search-page">
      <style>{searchStyles}</style>
      <form
        role="search"
        className="portico-search__form"
        onSubmit={event => {
          event.preventDefault();
          update({ q: draft.trim() });
        }}
      >
        <label htmlFor={inputId} className="visually-hidden">
          Search the catalog and docs
        </label>
        <input
          id={inputId}
          type="search"
          value={draft}
          onChange={event => setDraft(event.target.value)}
          placeholder="Search the catalog and docs"
          autoComplete="off"
          data-testid="search-input"
        />
        <label htmlFor={typeId} className="visually-hidden">
          Only
        </label>
        <select
          id={typeId}
          value={type ?? ALL_TYPES}
          onChange={event => update({ type: event.target.value })}
          data-testid="search-type"
        >
          <option value={ALL_TYPES}>Everything</option>
          {Object.entries(SEARCH_TYPES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </form>

      <div aria-live="polite" className="portico-search__status" data-testid="search-status">
        {state.status === 'loading' && 'Searching…'}
        {state.status === 'ready' && state.results.length === 0 && `Nothing found for “${term}”.`}
      </div>
      {state.status === 'error' && (
        <p role="alert" className="portico-search__error" data-testid="search-error">
          {state.message}
        </p>
      )}
      {state.status === 'ready' && state.results.length > 0 && (
        <>
          <ol className="portico-search__results" aria-label={`Results for ${term}`} data-testid="search-results">
            {state.results.map(result => (
              <li
                key={`${result.type}:${result.document.location}`}
                data-testid="search-result"
                data-location={result.document.location}
              >
                <span className="portico-search__type">{SEARCH_TYPES[result.type as SearchType] ?? result.type}</span>
                <h3 className="portico-search__title">{result.document.title}</h3>
                <p className="portico-search__meta">{describe(result)}</p>
                {result.document.text && <p className="portico-search__text">{result.document.text}</p>}
              </li>
            ))}
          </ol>
          {state.nextPageCursor && (
            <button type="button" onClick={loadMore} disabled={state.loadingMore} aria-busy={state.loadingMore}>
              {state.loadingMore ? 'Loading…' : 'More results'}
            </button>
          )}
        </>
      )}
    </div>
  );
}
