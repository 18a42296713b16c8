import { useCallback, useEffect, useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';

/** The document types the search backend indexes (its collators). */
export const SEARCH_TYPES = { 'software-catalog': 'Catalog', techdocs: 'Docs' } as const;
export type SearchType = keyof typeof SEARCH_TYPES;

/** One result of `GET /api/search/query`: the fields both collators give. */
export interface SearchResult {
  type: string;
  document: {
    title: string;
    text: string;
    location: string;
    kind?: string;
    namespace?: string;
    name?: string;
    owner?: string;
    entityTitle?: string;
  };
}

interface SearchResponse {
  results: SearchResult[];
  nextPageCursor?: string;
}

/**
 * The search backend answers 500 MissingIndexError for a type with no index yet (nothing of it
 * collated since start, or none at all): for the user that is no result, not a failure.
 */
async function isMissingIndex(response: Response): Promise<boolean> {
  try {
    const body = (await response.json()) as { error?: { name?: string } };
    return body.error?.name === 'MissingIndexError';
  } catch {
    return false;
  }
}

export type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; results: SearchResult[]; nextPageCursor?: string; loadingMore: boolean };

/** The search backend's query string: the term, the types asked for (none: all), a page cursor. */
export function searchQueryString(term: string, type: SearchType | undefined, pageCursor?: string): string {
  const params = new URLSearchParams({ term });
  if (type) params.set('types[0]', type);
  if (pageCursor) params.set('pageCursor', pageCursor);
  return params.toString();
}

/**
 * Asks the search backend with the user's token. The backend leaves out whatever the permission
 * policy does not let the user read, and then gives no total, so none is shown.
 */
export function useSearch(term: string, type: SearchType | undefined): { state: SearchState; loadMore: () => void } {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<SearchState>({ status: 'idle' });

  const fetchPage = useCallback(
    async (pageCursor?: string): Promise<SearchResponse> => {
      const baseUrl = await discoveryApi.getBaseUrl('search');
      const response = await fetchApi.fetch(`${baseUrl}/query?${searchQueryString(term, type, pageCursor)}`);
      if (!response.ok) {
        if (await isMissingIndex(response)) return { results: [] };
        throw new Error(`Search answered ${response.status} ${response.statusText}`);
      }
      return (await response.json()) as SearchResponse;
    },
    [discoveryApi, fetchApi, term, type],
  );

  useEffect(() => {
    if (!term.trim()) {
      setState({ status: 'idle' });
      return undefined;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    fetchPage().then(
      page => !cancelled && setState({ status: 'ready', results: page.results, nextPageCursor: page.nextPageCursor, loadingMore: false }),
      (error: Error) => !cancelled && setState({ status: 'error', message: error.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [fetchPage, term]);

  const loadMore = useCallback(() => {
    if (state.status !== 'ready' || !state.nextPageCursor || state.loadingMore) return;
    const previous = state;
    setState({ ...previous, loadingMore: true });
    fetchPage(previous.nextPageCursor).then(
      page => setState({ status: 'ready', results: [...previous.results, ...page.results], nextPageCursor: page.nextPageCursor, loadingMore: false }),
      (error: Error) => setState({ status: 'error', message: error.message }),
    );
  }, [fetchPage, state]);

  return { state, loadMore };
}
