import { displayNameOf, type SignedInUser } from '../auth/GuestSession';

function initialsOf(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.slice(0, 2)).toUpperCase();
}

/** The signed-in user's name and the sign-out button, in the header. */
export function UserMenu(props: { user: SignedInUser; onSignOut: () => void }) {
  const name = displayNameOf(props.user);
  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__avatar" aria-hidden="true">
        {initialsOf(name)}
      </span>
      <span className="user-menu__name" data-testid="user-display-name" title={props.user.userEntityRef}>
        {name}
      </span>
      <button type="button" className="button button--quiet" onClick={props.onSignOut}>
        Sign out
      </button>
    </div>
  );
}
