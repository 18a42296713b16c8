import { Link, useParams } from 'react-router-dom';
import { useTechDocs } from './useTechDocs';

/** Shows one payments component's TechDocs, built on demand by the TechDocs backend. */
export function TechDocsPage() {
  const { name = '' } = useParams();
  const { state, retry } = useTechDocs(name);

  return (
    <section aria-labelledby="payments-docs-heading" className="portico-payments__docs">
      <p>
        <Link to="..">← All payments components</Link>
      </p>
      <h2 id="payments-docs-heading">{name} documentation</h2>
      {state.status === 'syncing' && (
        <p role="status" aria-live="polite" data-testid="techdocs-syncing">
          Preparing the documentation…{state.lastLog ? ` (${state.lastLog})` : ''}
        </p>
      )}
      {state.status === 'loading' && (
        <p role="status" aria-live="polite">
          Loading the documentation…
        </p>
      )}
      {state.status === 'error' && (
        <div role="alert" data-testid="techdocs-error">
          <p>{state.message}</p>
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'ready' && (
        <iframe
          title={`${name} documentation`}
          data-testid="techdocs-frame"
          className="portico-payments__frame"
          sandbox=""
          srcDoc={state.srcDoc}
        />
      )}
    </section>
  );
}
