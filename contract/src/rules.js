// @ts-check
/**
 * The naming rules every part of Portico applies to a remote: the webpack helper when a remote
 * builds, the registry when a version is published, the shell when it reads the manifest, the
 * scaffold when it writes a new remote, and the real-user timing intake.
 *
 * Plain patterns with no dependency, so that the shell can check its manifest without paying
 * for a schema library in the first screen. `@portico/contract/schemas` builds the zod schemas
 * the servers use from these.
 */

/** Federation container names become JavaScript globals: lower-case identifiers. */
const REMOTE_NAME_PATTERN = /^[a-z][a-z0-9_]{1,62}$/;
const REMOTE_NAME_RULE = 'must be a lower-case identifier such as team_payments (letters, digits, _)';

/** Routes are lower-case paths of one or more segments, such as `/payments`; never `/`. */
const ROUTE_PATTERN = /^(\/[a-z0-9][a-z0-9-]*)+$/;
const ROUTE_RULE = 'must be a lower-case path such as /payments (letters, digits, -)';
const MAX_ROUTE_LENGTH = 200;

/** A semver 2.0 version, as the registry stores it: `1.2.3`, `1.2.3-rc.1`. */
const VERSION_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const VERSION_RULE = 'must be a semver version such as 1.2.3';
const MAX_VERSION_LENGTH = 64;

/** Owners and visibility are catalog groups: `group:default/payments-team`. */
const GROUP_REF_PATTERN = /^group:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/;
const GROUP_REF_RULE = 'must be a group entity ref such as group:default/payments-team';

/** Subresource-integrity strings the browser understands. */
const INTEGRITY_PATTERN = /^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$/;

/**
 * Federation container names a remote may not take. A remote's container becomes a global of the
 * page (`var <name>` in its remoteEntry.js), so a name the shell or the browser already uses would
 * overwrite or shadow it: `fetch` would break every request, `name` would be turned into a string.
 * Only lower-case identifiers can clash (names match REMOTE_NAME_PATTERN), so camel-case globals
 * such as `globalThis`, `localStorage` or webpack's `webpackChunk*` need no entry.
 */
const RESERVED_NAMES = Object.freeze([
  // The shell's own federation container.
  'portico_shell',
  // The global object, its frames and its windows.
  'window',
  'self',
  'top',
  'parent',
  'frames',
  'opener',
  'closed',
  'length',
  // Page, navigation and environment objects.
  'document',
  'location',
  'history',
  'navigation',
  'navigator',
  'screen',
  'origin',
  'name',
  'status',
  'event',
  'external',
  'crypto',
  'performance',
  'scheduler',
  'console',
  'caches',
  'chrome',
  'toolbar',
  'menubar',
  'scrollbars',
  'statusbar',
  'personalbar',
  'locationbar',
  // Functions of the global object.
  'fetch',
  'open',
  'close',
  'stop',
  'focus',
  'blur',
  'print',
  'alert',
  'confirm',
  'prompt',
  'find',
  'scroll',
  'atob',
  'btoa',
  'eval',
  'escape',
  'unescape',
  'undefined',
  // Module-loader globals that bundled libraries probe for.
  'define',
  'require',
  'module',
  'exports',
  'global',
  'process',
  // Event handler properties of the window: assigning a container to one would install it as a handler.
  'onabort',
  'onafterprint',
  'onbeforeprint',
  'onbeforeunload',
  'onblur',
  'onchange',
  'onclick',
  'onerror',
  'onfocus',
  'onhashchange',
  'oninput',
  'onkeydown',
  'onkeyup',
  'onlanguagechange',
  'onload',
  'onmessage',
  'onmessageerror',
  'onoffline',
  'ononline',
  'onpagehide',
  'onpageshow',
  'onpopstate',
  'onrejectionhandled',
  'onresize',
  'onscroll',
  'onstorage',
  'onsubmit',
  'onunhandledrejection',
  'onunload',
]);
const RESERVED_NAME_RULE = 'is reserved: the shell or the browser already has a global of that name';

/**
 * Routes a remote may not serve from, nor from anything under them: the shell's home page (`/`),
 * what the shell's server answers itself (`/config.json`), and the backend's paths for when it
 * shares the shell's origin (`/api`, `/healthcheck`, `/metrics`, `/.backstage`, `/.well-known`).
 * Sign-in and the not-found page have no route of their own: they are shown on any path.
 */
const RESERVED_ROUTES = Object.freeze([
  '/',
  '/api',
  '/config.json',
  '/healthcheck',
  '/metrics',
  '/.backstage',
  '/.well-known',
]);
const RESERVED_ROUTE_RULE = 'is reserved for the shell or the backend';

/**
 * The path segments of a route: `/registry/x` is `['registry', 'x']`, `/` is none.
 * @param {string} route
 * @returns {string[]}
 */
function routeSegments(route) {
  return route.split('/').filter(segment => segment !== '');
}

/**
 * Whether `route` is `base` or lies under it, by whole path segments: `/registry/x` is within
 * `/registry`, `/payments` is not within `/pay`, and every route is within `/`.
 * @param {string} route
 * @param {string} base
 * @returns {boolean}
 */
function isRouteWithin(route, base) {
  const inner = routeSegments(route);
  const outer = routeSegments(base);
  return outer.length <= inner.length && outer.every((segment, i) => inner[i] === segment);
}

/**
 * Whether two routes would share paths: equal, or one under the other. Two remotes whose routes
 * overlap would both claim the paths under the longer one.
 * @param {string} a
 * @param {string} b
 * @returns {boolean}
 */
function routesOverlap(a, b) {
  return isRouteWithin(a, b) || isRouteWithin(b, a);
}

/**
 * Whether a remote may not serve from `route`: it is `/`, or one of RESERVED_ROUTES or under it.
 * @param {string} route
 * @returns {boolean}
 */
function isReservedRoute(route) {
  return RESERVED_ROUTES.some(reserved =>
    reserved === '/' ? routeSegments(route).length === 0 : isRouteWithin(route, reserved),
  );
}

/**
 * Whether a remote may not be called `name` (see RESERVED_NAMES).
 * @param {string} name
 * @returns {boolean}
 */
function isReservedName(name) {
  return RESERVED_NAMES.includes(name);
}

const MAX_TITLE_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 500;

module.exports = {
  REMOTE_NAME_PATTERN,
  REMOTE_NAME_RULE,
  ROUTE_PATTERN,
  ROUTE_RULE,
  MAX_ROUTE_LENGTH,
  VERSION_PATTERN,
  VERSION_RULE,
  MAX_VERSION_LENGTH,
  GROUP_REF_PATTERN,
  GROUP_REF_RULE,
  INTEGRITY_PATTERN,
  RESERVED_NAMES,
  RESERVED_NAME_RULE,
  RESERVED_ROUTES,
  RESERVED_ROUTE_RULE,
  routeSegments,
  isRouteWithin,
  routesOverlap,
  isReservedRoute,
  isReservedName,
  MAX_TITLE_LENGTH,
  MAX_DESCRIPTION_LENGTH,
};
