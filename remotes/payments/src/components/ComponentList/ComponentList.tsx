import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { discoveryApiRef, fetchApiRef, useApi } from '@backstage/core-plugin-api';

/** The group whose components this page lists. */
export const PAYMENTS_OWNER = 'group:default/payments-team';
/** Components with this annotation have TechDocs. */
export const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';
const FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
].join(',');

/** The part of a catalog Component this page reads. */
interface ComponentEntity {
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    annotations?: Record<string, string>;
  };
  spec?: { type?: string; lifecycle?: string };
}

type ListState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; components: ComponentEntity[] };

/** Lists the components the payments team owns, with a link to each one's TechDocs. */
export function ComponentList() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    (async () => {
      const baseUrl = await discoveryApi.getBaseUrl('catalog');
      const params = new URLSearchParams({
        filter: `kind=component,relations.ownedBy=${PAYMENTS_OWNER}`,
        orderField: 'metadata.name,asc',
        fields: FIELDS,
        limit: '100',
      });
      const response = await fetchApi.fetch(`${baseUrl}/entities/by-query?${params}`);
      if (!response.ok) {
        throw new Error(`The catalog answered ${response.status} ${response.statusText}`);
      }
      const body = (await response.json()) as { items: ComponentEntity[] };
      return body.items;
    })().then(
      components => !cancelled && setState({ status: 'ready', components }),
      (error: Error) => !cancelled && setState({ status: 'error', message: error.message }),
    );
    return () => {
      cancelled = true;
    };
  }, [discoveryApi, fetchApi, attempt]);

  if (state.status === 'loading') {
    return (
      <p role="status" aria-live="polite" data-testid="payments-loading">
        Loading the payments team's components…
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <div role="alert" data-testid="payments-error">
        <p>Could not load the payments team's components: {state.message}</p>
        <button type="button" onClick={() => setAttempt(n => n + 1)}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <section aria-labelledby="payments-components-heading">
      <h2 id="payments-components-heading">Components owned by payments-team</h2>
      {state.components.length === 0 ? (
        <p>The payments team owns no components yet.</p>
      ) : (
        <table className="portico-payments__table" data-testid="payments-components">
          <caption className="visually-hidden">Components owned by payments-team</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Lifecycle</th>
              <th scope="col">Type</th>
              <th scope="col">Description</th>
              <th scope="col">Docs</th>
            </tr>
          </thead>
          <tbody>
            {state.components.map(component => {
              const { name } = component.metadata;
              const hasDocs = Boolean(component.metadata.annotations?.[TECHDOCS_ANNOTATION]);
              const nameId = `payments-component-${name}`;
              return (
                <tr key={name} data-testid="payments-component" data-name={name}>
                  <th scope="row" id={nameId} className="portico-payments__name" title={component.metadata.title}>
                    {name}
                  </th>
                  <td>{component.spec?.lifecycle ?? '—'}</td>
                  <td>{component.spec?.type ?? '—'}</td>
                  <td>{component.metadata.description ?? ''}</td>
                  <td>
                    {hasDocs ? (
                      <Link to={`docs/${encodeURIComponent(name)}`} aria-describedby={nameId} data-testid="docs-link">
                        Docs
                      </Link>
                    ) : (
                      <span className="portico-payments__none">—</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
