import { useCallback, useMemo } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn, { type AsyncState } from 'react-use/esm/useAsyncFn';

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
function isMissingIndex(error: ResponseError): boolean {
  return error.body.error.name === 'MissingIndexError';
}

/** What the user reads when the search backend fails: its status, as it answered. */
function failure(error: Error): string {
  return ResponseError.is(error) ? `Search answered ${error.statusCode} ${error.statusText}` : error.message;
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

/** What is searched for. */
interface SearchQuery {
  term: string;
  type?: SearchType;
}

/** The results shown so far for `query`, continuing the first page `from`. */
interface Listing {
  query: SearchQuery;
  from: SearchResponse;
  results: SearchResult[];
  nextPageCursor?: string;
}

/** What loading more ended with, for the first page it continued: a new search leaves it behind. */
interface MoreResult {
  from: SearchResponse;
  outcome: Listing | Error;
}

/** The listing that continues `first`: its first page alone, or what loading more of it ended with. */
function continuationOf(query: SearchQuery, first: SearchResponse, more: MoreResult | undefined): Listing | Error {
  if (more?.from === first) return more.outcome;
  return { query, from: first, results: first.results, nextPageCursor: first.nextPageCursor };
}

/** What the page shows. A retry keeps the last error while it loads, so loading is asked first. */
function stateOf(
  first: AsyncState<SearchResponse | undefined>,
  current: Listing | Error | undefined,
  loadingMore: boolean,
): SearchState {
  if (first.loading) return { status: 'loading' };
  if (first.error) return { status: 'error', message: failure(first.error) };
  if (!current) return { status: 'idle' };
  if (current instanceof Error) return { status: 'error', message: failure(current) };
  return { status: 'ready', results: current.results, nextPageCursor: current.nextPageCursor, loadingMore };
}

/** One page of results, with the user's token; a missing index is no result. */
function useSearchPageFetcher(): (query: SearchQuery, pageCursor?: string) => Promise<SearchResponse> {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useCallback(
    async ({ term, type }, pageCursor) => {
      const baseUrl = await discoveryApi.getBaseUrl('search');
      const response = await fetchApi.fetch(`${baseUrl}/query?${searchQueryString(term, type, pageCursor)}`);
      if (!response.ok) {
        const error = await ResponseError.fromResponse(response);
        if (isMissingIndex(error)) return { results: [] };
        throw error;
      }
      return (await response.json()) as SearchResponse;
    },
    [discoveryApi, fetchApi],
  );
}

/**
 * Asks the search backend page by page; a new term or type starts over, and no term asks
 * nothing. The backend leaves out whatever the permission policy does not let the user read,
 * and then gives no total, so none is shown.
 */
export function useSearch(term: string, type: SearchType | undefined): { state: SearchState; loadMore: () => void } {
  const fetchPage = useSearchPageFetcher();
  const query = useMemo(() => ({ term, type }), [term, type]);
  const idle = !term.trim();
  const first = useAsync(async () => (idle ? undefined : fetchPage(query)), [fetchPage, query, idle]);
  const [more, fetchMore] = useAsyncFn(
    async (listing: Listing, pageCursor: string): Promise<MoreResult> => {
      try {
        const page = await fetchPage(listing.query, pageCursor);
        const results = [...listing.results, ...page.results];
        return { from: listing.from, outcome: { ...listing, results, nextPageCursor: page.nextPageCursor } };
      } catch (error) {
        // Kept with the first page it continued, so that a new query or a retry leaves it behind.
        return { from: listing.from, outcome: error instanceof Error ? error : new Error(String(error)) };
      }
    },
    [fetchPage],
  );

  const current = first.value && continuationOf(query, first.value, more.value);
  const loadMore = () => {
    if (current && !(current instanceof Error) && current.nextPageCursor && !more.loading) {
      fetchMore(current, current.nextPageCursor);
    }
  };
  // Without a term nothing is asked, so nothing is loading either.
  return { state: idle ? { status: 'idle' } : stateOf(first, current, more.loading), loadMore };
}
