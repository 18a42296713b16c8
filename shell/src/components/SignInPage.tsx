import { useEffect, useId, useState } from 'react';
import { listDevSignInUsers, type DevSignInUser, type SignInChoice } from '../auth/GuestSession';

/** The page shown when nobody is signed in. */
export function SignInPage(props: {
  appTitle: string;
  backendBaseUrl: string;
  pending: boolean;
  error?: string;
  onSignIn: (choice: SignInChoice) => void;
}) {
  const headingId = useId();
  const usersHeadingId = useId();
  const [users, setUsers] = useState<DevSignInUser[]>([]);

  useEffect(() => {
    let cancelled = false;
    listDevSignInUsers(props.backendBaseUrl).then(found => !cancelled && setUsers(found));
    return () => {
      cancelled = true;
    };
  }, [props.backendBaseUrl]);

  return (
    <main id="main" className="sign-in" aria-labelledby={headingId}>
      <div className="sign-in__card">
        <h1 id={headingId}>Sign in to {props.appTitle}</h1>
        <p>
          Development sign-in: choose who to be. Your choice is remembered on this device until you sign out.
        </p>
        {props.error && (
          <p role="alert" className="sign-in__error" data-testid="sign-in-error">
            {props.error}
          </p>
        )}
        <button
          type="button"
          className="button button--primary"
          onClick={() => props.onSignIn({ provider: 'guest' })}
          disabled={props.pending}
          aria-busy={props.pending}
          data-testid="sign-in-guest"
        >
          {props.pending ? 'Signing in…' : 'Sign in as guest'}
        </button>
        {users.length > 0 && (
          <section aria-labelledby={usersHeadingId} className="sign-in__users">
            <h2 id={usersHeadingId}>Or sign in as someone from the catalog</h2>
            <ul>
              {users.map(user => (
                <li key={user.userEntityRef}>
                  <button
                    type="button"
                    className="button"
                    disabled={props.pending}
                    onClick={() => props.onSignIn({ provider: 'development', user: user.name })}
                    data-testid={`sign-in-as-${user.name}`}
                  >
                    Sign in as {user.displayName}
                  </button>
                  <span className="sign-in__groups">
                    {user.groups.map(group => group.replace(/^group:default\//, '')).join(', ')}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </main>
  );
}
