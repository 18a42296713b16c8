import { Component, type ErrorInfo, type ReactNode, useId } from 'react';
import { RemoteError, RemoteErrorCode, toRemoteError } from './RemoteError';

/** What an error card needs to know about the remote it concerns. */
export interface RemoteIdentity {
  /** Federation container name, such as `team_payments`. */
  name: string;
  /** Title from the manifest, such as `Payments`. */
  title: string;
}

/**
 * The card shown in place of a remote that failed: it names the remote, the cause and a stable
 * code, and offers a retry. Everything outside the card keeps working.
 */
export function RemoteErrorCard(props: { remote: RemoteIdentity; error: RemoteError; onRetry: () => void }) {
  const { remote, error, onRetry } = props;
  const headingId = useId();
  return (
    <section
      role="alert"
      aria-labelledby={headingId}
      className="error-card"
      data-testid="remote-error"
      data-error-code={error.code}
      data-remote={remote.name}
    >
      <h2 id={headingId}>{remote.title} is unavailable</h2>
      <p>
        The remote <strong>{remote.title}</strong> (<code>{remote.name}</code>) could not be shown. The rest of the
        portal keeps working.
      </p>
      <dl className="error-card__details">
        <dt>Error code</dt>
        <dd>
          <code data-testid="remote-error-code">{error.code}</code>
        </dd>
        <dt>Cause</dt>
        <dd data-testid="remote-error-cause" className="error-card__cause">
          {error.message}
        </dd>
      </dl>
      {error.details && error.details !== error.message && (
        <details className="error-card__more">
          <summary>Technical details</summary>
          <pre>{error.details}</pre>
        </details>
      )}
      <button type="button" className="button button--primary" onClick={onRetry}>
        Retry
      </button>
    </section>
  );
}

interface RemoteErrorBoundaryProps {
  remote: RemoteIdentity;
  onRetry: () => void;
  /** Told about each error caught (for the load report). */
  onError?: (error: RemoteError) => void;
  children: ReactNode;
}

/** Catches anything a remote throws while rendering and shows the error card instead. */
export class RemoteErrorBoundary extends Component<RemoteErrorBoundaryProps, { error?: RemoteError }> {
  state: { error?: RemoteError } = {};

  static getDerivedStateFromError(error: unknown) {
    return { error: toRemoteError(error, RemoteErrorCode.RenderFailed) };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`Portico: remote ${this.props.remote.name} failed to render`, error, info.componentStack);
    this.props.onError?.(toRemoteError(error, RemoteErrorCode.RenderFailed));
  }

  render() {
    const { error } = this.state;
    if (error) {
      return <RemoteErrorCard remote={this.props.remote} error={error} onRetry={this.props.onRetry} />;
    }
    return this.props.children;
  }
}
