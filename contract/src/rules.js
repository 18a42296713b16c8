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

/** Routes the shell keeps for itself. */
const RESERVED_ROUTES = ['/config.json'];

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
  RESERVED_ROUTES,
  MAX_TITLE_LENGTH,
  MAX_DESCRIPTION_LENGTH,
};
