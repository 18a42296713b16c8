import { useState } from 'react';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { readSyncStream } from './readSyncStream';
import { toSandboxedDocument } from './toSandboxedDocument';

export type DocsState =
  | { status: 'syncing'; lastLog?: string }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; srcDoc: string };

/** How far one run has got: building the site (with its last log line), then loading the page. */
interface Progress {
  run: object;
  step: 'sync' | 'page';
  lastLog?: string;
}

function failure(error: Error, step: Progress['step'] | undefined): string {
  if (!ResponseError.is(error)) return error.message;
  const answered = `${error.statusCode} ${error.statusText}`;
  return step === 'page'
    ? `TechDocs answered ${answered} for the documentation page`
    : `TechDocs sync answered ${answered}`;
}

/**
 * One payments component's TechDocs: `GET {techdocs}/sync/…` builds the site when it is missing
 * or stale (an event stream read to its end), then `GET {techdocs}/static/docs/…/index.html` is
 * turned into a sandboxed document.
 */
export function useTechDocs(name: string): { state: DocsState; retry: () => void } {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [progress, setProgress] = useState<Progress>();

  const docs = useAsyncRetry(async () => {
    // A run reports its progress only while no later run (another name, a retry) has started.
    const run = {};
    const report = (next: Omit<Progress, 'run'>) =>
      setProgress(current => (current?.run === run ? { run, ...next } : current));
    setProgress({ run, step: 'sync' });
    const baseUrl = await discoveryApi.getBaseUrl('techdocs');
    const entityPath = `default/component/${encodeURIComponent(name)}`;
    await readSyncStream(await fetchApi.fetch(`${baseUrl}/sync/${entityPath}`), lastLog =>
      report({ step: 'sync', lastLog }),
    );
    report({ step: 'page' });
    const page = await fetchApi.fetch(`${baseUrl}/static/docs/${entityPath}/index.html`);
    if (!page.ok) throw await ResponseError.fromResponse(page);
    return toSandboxedDocument(await page.text(), `${name} documentation`);
  }, [discoveryApi, fetchApi, name]);

  // A retry keeps the last error while it loads, so loading is asked first.
  if (docs.loading) {
    return {
      state: progress?.step === 'page' ? { status: 'loading' } : { status: 'syncing', lastLog: progress?.lastLog },
      retry: docs.retry,
    };
  }
  if (docs.error)
    return { state: { status: 'error', message: failure(docs.error, progress?.step) }, retry: docs.retry };
  return { state: { status: 'ready', srcDoc: docs.value ?? '' }, retry: docs.retry };
}
