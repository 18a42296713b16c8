import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { isWithin, navigate, usePathname } from './location';

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & {
  to: string;
  /** Called after a client-side navigation the link made (not for new tabs and the like). */
  onNavigate?: () => void;
};

/** A plain anchor that navigates without reloading; modified and middle clicks keep their meaning. */
export function Link(props: LinkProps) {
  const { to, onNavigate, onClick, ...rest } = props;
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.altKey ||
      event.ctrlKey ||
      event.shiftKey ||
      (rest.target && rest.target !== '_self')
    ) {
      return;
    }
    event.preventDefault();
    navigate(to);
    onNavigate?.();
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}

/** A link that says when its route (or anything below it) is the current page. */
export function NavLink(props: LinkProps & { end?: boolean }) {
  const { end, ...rest } = props;
  const pathname = usePathname();
  const active = end ? pathname === props.to : isWithin(pathname, props.to);
  return <Link {...rest} aria-current={active ? 'page' : undefined} />;
}
