import { useId } from 'react';

/** A whole-page error for what the shell itself needs: its configuration, sign-in, the manifest. */
export function ShellErrorPage(props: { title: string; message: string; onRetry: () => void; testId: string }) {
  const headingId = useId();
  return (
    <section
      role="alert"
      aria-labelledby={headingId}
      className="error-card error-card--page"
      data-testid={props.testId}
    >
      <h1 id={headingId}>{props.title}</h1>
      <p className="error-card__cause">{props.message}</p>
      <button type="button" className="button button--primary" onClick={props.onRetry}>
        Retry
      </button>
    </section>
  );
}
