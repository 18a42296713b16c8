import { useEffect } from 'react';
import { Link } from '../routing/Link';
import { usePathname } from '../routing/location';

/** Shown for any path that is neither the home page nor a remote's route. */
export function NotFoundPage(props: { appTitle: string }) {
  const pathname = usePathname();
  useEffect(() => {
    document.title = `Page not found · ${props.appTitle}`;
  }, [props.appTitle]);
  return (
    <section className="not-found" data-testid="not-found" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Page not found</h1>
      <p>
        Nothing lives at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
