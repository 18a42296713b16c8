import { useId } from 'react';

/** The page shown when nobody is signed in. */
export function SignInPage(props: {
  appTitle: string;
  pending: boolean;
  error?: string;
  onSignIn: () => void;
}) {
  const headingId = useId();
  return (
    <main id="main" className="sign-in" aria-labelledby={headingId}>
      <div className="sign-in__card">
        <h1 id={headingId}>Sign in to {props.appTitle}</h1>
        <p>
          Development sign-in: you are signed in as the guest user the backend is configured with. Your choice is
          remembered on this device until you sign out.
        </p>
        {props.error && (
          <p role="alert" className="sign-in__error" data-testid="sign-in-error">
            {props.error}
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={props.onSignIn}
          disabled={props.pending}
          aria-busy={props.pending}
          data-testid="sign-in-guest"
        >
          {props.pending ? 'Signing in…' : 'Sign in as guest'}
        </button>
      </div>
    </main>
  );
}
