import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { displayNameOf, type SignedInUser } from '../auth/signedInUser';
import { type ThemePreference, setThemePreference, useThemePreference } from '../theme/theme';

function initialsOf(name: string): string {
  const parts = name.split(/[\s._-]+/).filter(Boolean);
  return (parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : name.slice(0, 2)).toUpperCase();
}

const THEMES: Array<{ value: ThemePreference; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

/**
 * The user menu in the header: a disclosure button with the user's name that opens a panel with
 * who is signed in, the theme choice (radio buttons: arrow keys move between them) and sign-out.
 * Escape or a click elsewhere closes it, and focus returns to the button.
 */
export function UserMenu(props: { user: SignedInUser; onSignOut: () => void }) {
  const name = displayNameOf(props.user);
  const [open, setOpen] = useState(false);
  const theme = useThemePreference();
  const panelId = useId();
  const themeGroupId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  return (
    <div className="user-menu" data-testid="user-menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(value => !value)}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {initialsOf(name)}
        </span>
        <span className="user-menu__name" data-testid="user-display-name">
          {name}
        </span>
        <span className="visually-hidden">, account and theme</span>
      </button>
      <div id={panelId} className="user-menu__panel" hidden={!open} data-testid="user-menu-panel">
        <p className="user-menu__who">
          Signed in as <strong>{name}</strong>
          <br />
          <code>{props.user.userEntityRef}</code>
        </p>
        <fieldset className="user-menu__themes">
          <legend id={themeGroupId}>Theme</legend>
          {THEMES.map(option => (
            <label key={option.value}>
              <input
                type="radio"
                name={themeGroupId}
                value={option.value}
                checked={theme === option.value}
                onChange={() => setThemePreference(option.value)}
              />
              {option.label}
            </label>
          ))}
        </fieldset>
        <button type="button" className="button" onClick={props.onSignOut}>
          Sign out
        </button>
      </div>
    </div>
  );
}
