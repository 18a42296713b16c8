import type { VersionChange } from '../manifest/watchManifest';

function describe(change: VersionChange): string {
  if (!change.to) return `${change.title} was withdrawn`;
  if (!change.from) return `${change.title} ${change.to} is now available`;
  return `${change.title} ${change.to} is live (this page has ${change.from})`;
}

/**
 * A non-blocking notice that a remote's live version changed while the portal was open. The
 * page keeps working as it is; Reload picks up the new versions.
 */
export function UpdateNotice(props: { changes: readonly VersionChange[]; onDismiss: () => void }) {
  if (props.changes.length === 0) return null;
  return (
    <aside className="update-notice" role="status" aria-live="polite" aria-label="Updates" data-testid="update-notice">
      <p>
        <strong>New version{props.changes.length > 1 ? 's' : ''}:</strong> {props.changes.map(describe).join('; ')}.
      </p>
      <div className="update-notice__actions">
        <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
          Reload
        </button>
        <button type="button" className="button" onClick={props.onDismiss}>
          Later
        </button>
      </div>
    </aside>
  );
}
