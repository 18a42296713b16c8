import { type ReactNode, useId } from 'react';
import type { SignedInUser } from '../auth/signedInUser';
import type { NavGroup, NavItem } from '../catalog/domainGroups';
import { Link, NavLink } from '../routing/Link';
import { UserMenu } from './UserMenu';

/** After a click on a navigation link: start at the top, with keyboard focus in the new page. */
export function focusMain() {
  window.scrollTo(0, 0);
  document.getElementById('main')?.focus({ preventScroll: true });
}

function NavSection(props: { group: NavGroup; onPrefetch: (item: NavItem) => void }) {
  const headingId = useId();
  return (
    <section className="shell-nav__group" aria-labelledby={headingId}>
      <h2 id={headingId} className="shell-nav__heading">
        {props.group.title}
      </h2>
      <ul>
        {props.group.items.map(item => (
          <li key={item.name}>
            <NavLink
              to={item.route}
              data-remote={item.name}
              onMouseEnter={() => props.onPrefetch(item)}
              onFocus={() => props.onPrefetch(item)}
              onNavigate={focusMain}
            >
              {item.title}
            </NavLink>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * The portal's frame: header with the app title and user menu, navigation drawn from the
 * manifest alone (grouped by domain), the main area, and a slot for non-blocking notices.
 */
export function Layout(props: {
  appTitle: string;
  user: SignedInUser;
  onSignOut: () => void;
  /** The navigation's groups, or where the manifest is at when there are none to show yet. */
  nav: readonly NavGroup[] | 'loading' | 'unavailable';
  /** Hover or focus on a remote's link: load it ahead of the click. */
  onPrefetch: (item: NavItem) => void;
  notice?: ReactNode;
  children: ReactNode;
}) {
  const { nav } = props;
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="shell-header">
        <Link to="/" className="shell-header__brand" onNavigate={focusMain}>
          {props.appTitle}
        </Link>
        <UserMenu user={props.user} onSignOut={props.onSignOut} />
      </header>
      <div className="shell-body">
        <nav aria-label="Remotes" className="shell-nav">
          {nav === 'loading' ? (
            <div className="shell-nav__loading" aria-hidden="true">
              <div className="skeleton__bar" />
              <div className="skeleton__bar" />
            </div>
          ) : nav === 'unavailable' ? (
            <p className="shell-nav__empty">Remotes unavailable</p>
          ) : nav.length === 0 ? (
            <p className="shell-nav__empty">No remotes yet</p>
          ) : (
            nav.map(group => <NavSection key={group.ref ?? group.title} group={group} onPrefetch={props.onPrefetch} />)
          )}
        </nav>
        <main id="main" className="shell-main" tabIndex={-1}>
          {props.children}
        </main>
      </div>
      {props.notice}
    </div>
  );
}
