import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { ManifestRemote } from '@portico/contract';
import { displayNameOf, type SignedInUser } from '../auth/GuestSession';

/** Shows `group:default/payments-team` as `payments-team`. */
function shortRef(ref: string): string {
  return ref.replace(/^[^:]*:/, '').replace(/^default\//, '');
}

/** The home page: a welcome and every remote with its owner and version. */
export function HomePage(props: { appTitle: string; user: SignedInUser; remotes: readonly ManifestRemote[] }) {
  useEffect(() => {
    document.title = props.appTitle;
  }, [props.appTitle]);

  return (
    <div className="home">
      <h1>Welcome, {displayNameOf(props.user)}</h1>
      <p className="home__lead">
        {props.appTitle} brings your teams' tools together. Each one is published on its own and loads when you open
        it.
      </p>
      <section aria-labelledby="home-remotes-heading">
        <h2 id="home-remotes-heading">Remotes</h2>
        {props.remotes.length === 0 ? (
          <p data-testid="remote-list-empty">No remote is published yet.</p>
        ) : (
          <ul className="remote-cards" data-testid="remote-list">
            {props.remotes.map(remote => (
              <li key={remote.name} className="remote-card" data-testid="remote-card" data-remote={remote.name}>
                <h3>
                  <Link to={remote.route}>{remote.title}</Link>
                </h3>
                {remote.description && <p>{remote.description}</p>}
                <dl>
                  <div>
                    <dt>Owner</dt>
                    <dd title={remote.owner}>{shortRef(remote.owner)}</dd>
                  </div>
                  <div>
                    <dt>Version</dt>
                    <dd>{remote.version}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
