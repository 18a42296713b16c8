import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router-dom';
import type { ManifestRemote } from '@portico/contract';
import type { SignedInUser } from '../auth/GuestSession';
import { UserMenu } from './UserMenu';

/**
 * The portal's frame: header with the app title and user menu, navigation drawn from the
 * manifest alone, and the main area.
 */
export function Layout(props: {
  appTitle: string;
  user: SignedInUser;
  onSignOut: () => void;
  /** The manifest's remotes, or where the manifest is at when there are none to show yet. */
  remotes: readonly ManifestRemote[] | 'loading' | 'unavailable';
  children: ReactNode;
}) {
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="shell-header">
        <Link to="/" className="shell-header__brand">
          {props.appTitle}
        </Link>
        <UserMenu user={props.user} onSignOut={props.onSignOut} />
      </header>
      <div className="shell-body">
        <nav aria-label="Remotes" className="shell-nav">
          {props.remotes === 'loading' ? (
            <div className="shell-nav__loading" aria-hidden="true">
              <div className="skeleton__bar" />
              <div className="skeleton__bar" />
            </div>
          ) : props.remotes === 'unavailable' ? (
            <p className="shell-nav__empty">Remotes unavailable</p>
          ) : props.remotes.length === 0 ? (
            <p className="shell-nav__empty">No remotes yet</p>
          ) : (
            <ul>
              {props.remotes.map(remote => (
                <li key={remote.name}>
                  <NavLink to={remote.route} data-remote={remote.name}>
                    {remote.title}
                  </NavLink>
                </li>
              ))}
            </ul>
          )}
        </nav>
        <main id="main" className="shell-main" tabIndex={-1}>
          {props.children}
        </main>
      </div>
    </div>
  );
}
