/**
 * The shell's versions of Backstage's swappable components, so that a remote's page looks like
 * the rest of the portal and its failures show the shell's error card.
 */
import { type MouseEvent, useEffect } from 'react';
import {
  type ErrorDisplayProps,
  type NotFoundErrorPageProps,
  type PageLayoutProps,
  type SwappableComponentsApi,
  coreApis,
  useApi,
} from '@backstage/frontend-plugin-api';
import { RemoteErrorCode, toRemoteError } from '../errors/RemoteError';
import { RemoteErrorCard } from '../errors/fallbacks';
import { Skeleton } from '../components/Skeleton';
import type { RemoteHostContext } from './types';

/** Backstage's ids of the components the shell replaces. */
const PAGE_LAYOUT = 'core.page-layout';
const PROGRESS = 'core-progress';
const ERROR_DISPLAY = 'core-error-display';
const NOT_FOUND = 'core-not-found-error-page';

function createPageLayout(ctx: RemoteHostContext) {
  return function ShellPageLayout(props: PageLayoutProps) {
    const history = useApi(coreApis.appHistory);
    const showHeader = !props.noHeader && Boolean(props.title || props.tabs?.length);
    const onTabClick = (event: MouseEvent<HTMLAnchorElement>, href: string) => {
      if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
      event.preventDefault();
      history.navigate(href);
    };
    return (
      <div className="remote-page" data-remote={ctx.remote.name}>
        {showHeader && (
          <header className="remote-page__header">
            <div className="remote-page__title">
              {props.icon}
              <h1>{props.title}</h1>
              {props.headerActions && props.headerActions.length > 0 && (
                <div className="remote-page__actions">{props.headerActions}</div>
              )}
            </div>
            {props.tabs && props.tabs.length > 0 && (
              <nav aria-label={`${props.title ?? ctx.remote.title} sections`} className="remote-page__tabs">
                {props.tabs.map(tab => (
                  <a key={tab.id} href={tab.href} onClick={event => onTabClick(event, tab.href)}>
                    {tab.icon}
                    {tab.label}
                  </a>
                ))}
              </nav>
            )}
          </header>
        )}
        <div className="remote-page__content">{props.children}</div>
      </div>
    );
  };
}

/** Backstage's page-level error boundary shows the shell's error card, and tells the shell. */
function createErrorDisplay(ctx: RemoteHostContext) {
  return function ShellErrorDisplay(props: ErrorDisplayProps) {
    const { error } = props;
    useEffect(() => {
      ctx.onRenderError?.(error);
    }, [error]);
    return (
      <RemoteErrorCard
        remote={ctx.remote}
        error={toRemoteError(error, RemoteErrorCode.RenderFailed)}
        onRetry={ctx.onRetry}
      />
    );
  };
}

/**
 * A component of any props: each ref's id names the component of the props that ref declares, so
 * the props are checked where the component is written, not where the map is read.
 */
type AnySwappableComponent = (props: never) => JSX.Element | null;

/** Builds the swappable components API for one remote. */
export function createSwappableComponents(ctx: RemoteHostContext): SwappableComponentsApi {
  const components = new Map<string, AnySwappableComponent>([
    [PAGE_LAYOUT, createPageLayout(ctx)],
    [PROGRESS, () => <Skeleton label={`Loading ${ctx.remote.title}…`} testId="remote-loading" />],
    [ERROR_DISPLAY, createErrorDisplay(ctx)],
    [
      NOT_FOUND,
      (props: NotFoundErrorPageProps) => (
        <section className="not-found" data-testid="remote-not-found">
          <h2>Page not found</h2>
          <p>{ctx.remote.title} has no page at this address.</p>
          {props.children}
        </section>
      ),
    ],
  ]);
  return {
    // Undefined for the others, which keeps Backstage's defaults.
    getComponent: (ref => components.get(ref.id)) as SwappableComponentsApi['getComponent'],
  };
}
