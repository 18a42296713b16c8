import { Link } from 'react-router-dom';
import type { Entity } from '@backstage/catalog-model';
import { usePaymentsComponents } from './usePaymentsComponents';

/** Components with this annotation have TechDocs. */
export const TECHDOCS_ANNOTATION = 'backstage.io/techdocs-ref';

/** Shows a free-form `spec` field when it is text. */
function specText(component: Entity, field: string): string {
  const value = component.spec?.[field];
  return typeof value === 'string' ? value : '—';
}

/** Lists the components the payments team owns, with a link to each one's TechDocs. */
export function ComponentList() {
  const { state, retry } = usePaymentsComponents();

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
        <button type="button" onClick={retry}>
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
                  <td>{specText(component, 'lifecycle')}</td>
                  <td>{specText(component, 'type')}</td>
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
