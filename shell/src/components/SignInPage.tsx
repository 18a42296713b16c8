import { useEffect, useId, useState } from 'react';
import { listDevSignInUsers, type DevSignInUser } from '../auth/devSignInUsers';
import type { SignInChoice } from '../auth/rememberedChoice';
import type { SignInProviderId } from '../config/runtimeConfig';

/** The page shown when nobody is signed in: a button per configured provider. */
export function SignInPage(props: {
  appTitle: string;
  backendBaseUrl: string;
  /** The providers to offer (the runtime config's `signInProviders`). */
  providers: readonly SignInProviderId[];
  /** "Sign in with <oidcTitle>". */
  oidcTitle: string;
  /** The provider a sign-in is under way with; every button waits meanwhile. */
  pending?: SignInProviderId;
  error?: string;
  onSignIn: (choice: SignInChoice) => void;
}) {
  const headingId = useId();
  const usersHeadingId = useId();
  const [users, setUsers] = useState<DevSignInUser[]>([]);
  const offers = (provider: SignInProviderId) => props.providers.includes(provider);
  const offersDevelopment = offers('development');
  const pending = props.pending !== undefined;
  // The first button offered is the primary one (the catalog users come in a list of their own).
  const primary = props.providers.find(provider => provider !== 'development');
  const buttonClass = (provider: SignInProviderId) => (provider === primary ? 'button button--primary' : 'button');
  const label = (provider: SignInProviderId, text: string) => (props.pending === provider ? 'Signing in…' : text);

  useEffect(() => {
    if (!offersDevelopment) return undefined;
    let cancelled = false;
    listDevSignInUsers(props.backendBaseUrl).then(found => !cancelled && setUsers(found));
    return () => {
      cancelled = true;
    };
  }, [props.backendBaseUrl, offersDevelopment]);

  return (
    <main id="main" className="sign-in" aria-labelledby={headingId}>
      <div className="sign-in__card">
        <h1 id={headingId}>Sign in to {props.appTitle}</h1>
        <p>
          {offers('guest') || offersDevelopment
            ? 'Development sign-in: choose who to be. Your choice is remembered on this device until you sign out.'
            : "Sign in with your organisation's account. You stay signed in on this device until you sign out."}
        </p>
        {props.error && (
          <p role="alert" className="sign-in__error" data-testid="sign-in-error">
            {props.error}
          </p>
        )}
        <div className="sign-in__providers">
          {props.providers.map(provider => {
            // Development sign-in is the list of catalog users below, not a button.
            if (provider === 'development') return null;
            const text = provider === 'oidc' ? `Sign in with ${props.oidcTitle}` : 'Sign in as guest';
            return (
              <button
                key={provider}
                type="button"
                className={buttonClass(provider)}
                onClick={() => props.onSignIn({ provider })}
                disabled={pending}
                aria-busy={props.pending === provider}
                data-testid={`sign-in-${provider}`}
              >
                {label(provider, text)}
              </button>
            );
          })}
        </div>
        {offersDevelopment && users.length > 0 && (
          <section aria-labelledby={usersHeadingId} className="sign-in__users">
            <h2 id={usersHeadingId}>Or sign in as someone from the catalog</h2>
            <ul>
              {users.map(user => (
                <li key={user.userEntityRef}>
                  <button
                    type="button"
                    className="button"
                    disabled={pending}
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
