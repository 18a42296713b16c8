import { useEffect } from 'react';
import { displayNameOf, type SignedInUser } from '../auth/signedInUser';
import { Link } from '../routing/Link';
import { focusMain } from './Layout';

/** What the home page shows of a remote. */
export interface HomeRemote {
  name: string;
  title: string;
  route: string;
  owner?: string;
  version?: string;
  description?: string;
  /** Set for a manifest entry the shell cannot load. */
  problem?: string;
}

/** Shows `group:default/payments-team` as `payments-team`. */
function shortRef(ref: string): string {
  return ref.replace(/^[^:]*:/, '').replace(/^default\//, '');
}

/** The home page: a welcome and every remote with its owner and version. */
export function HomePage(props: {
  appTitle: string;
  user: SignedInUser;
  remotes: readonly HomeRemote[];
  onPrefetch: (remote: HomeRemote) => void;
}) {
  useEffect(() => {
    document.title = props.appTitle;
  }, [props.appTitle]);

  return (
    <div className="home">
      <h1>Welcome, {displayNameOf(props.user)}</h1>
      <p className="home__lead">
        {props.appTitle} brings your teams' tools together. Each one is published on its own and loads when you open it.
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
                  <Link
                    to={remote.route}
                    onMouseEnter={() => props.onPrefetch(remote)}
                    onFocus={() => props.onPrefetch(remote)}
                    onNavigate={focusMain}
                  >
                    {remote.title}
                  </Link>
                </h3>
                {remote.description && <p>{remote.description}</p>}
                {remote.problem && (
                  <p className="remote-card__problem">Unavailable: its registry entry is malformed.</p>
                )}
                <dl>
                  {remote.owner && (
                    <div>
                      <dt>Owner</dt>
                      <dd title={remote.owner}>{shortRef(remote.owner)}</dd>
                    </div>
                  )}
                  {remote.version && (
                    <div>
                      <dt>Version</dt>
                      <dd>{remote.version}</dd>
                    </div>
                  )}
                </dl>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
