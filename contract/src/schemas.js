// @ts-check
/**
 * The zod schemas of what a remote is called and what it says about itself, built from the
 * rules in `./rules.js`. The registry, the remote webpack helper, the scaffold and the
 * real-user timing intake parse with these, so a name one accepts the others accept too.
 *
 * Plain CommonJS so that webpack configurations can require it without a TypeScript loader.
 */
const { z } = require('zod');
const rules = require('./rules.js');

/**
 * Marks the zod issue of a well-formed name or route that is reserved, so that a server can
 * answer 422 (understood, but refused) rather than 400 (malformed); see `isReservedFailure`.
 */
const RESERVED_ISSUE = Object.freeze({ reserved: true });

const remoteNameSchema = z
  .string()
  .regex(rules.REMOTE_NAME_PATTERN, rules.REMOTE_NAME_RULE)
  .refine(name => !(rules.REMOTE_NAME_PATTERN.test(name) && rules.isReservedName(name)), {
    message: rules.RESERVED_NAME_RULE,
    params: RESERVED_ISSUE,
  });

const versionSchema = z.string().max(rules.MAX_VERSION_LENGTH).regex(rules.VERSION_PATTERN, rules.VERSION_RULE);

const routeSchema = z
  .string()
  .max(rules.MAX_ROUTE_LENGTH)
  .regex(rules.ROUTE_PATTERN, rules.ROUTE_RULE)
  .refine(route => !rules.isReservedRoute(route), {
    message: `${rules.RESERVED_ROUTE_RULE} (${rules.RESERVED_ROUTES.join(', ')} and what is under them)`,
    params: RESERVED_ISSUE,
  });

const groupRefSchema = z.string().regex(rules.GROUP_REF_PATTERN, rules.GROUP_REF_RULE);

const titleSchema = z.string().min(1).max(rules.MAX_TITLE_LENGTH);
const descriptionSchema = z.string().max(rules.MAX_DESCRIPTION_LENGTH);

/** `portico-remote.json`, written by the remote's build (type RemoteDescriptor). */
const remoteDescriptorSchema = z.object({
  name: remoteNameSchema,
  version: versionSchema,
  route: routeSchema,
  title: titleSchema,
  owner: groupRefSchema,
  description: descriptionSchema.optional(),
  sourceMaps: z.boolean().optional(),
});

/**
 * Describes a zod failure as `field: problem; field: problem`, the way Portico's error
 * messages name the field at fault.
 *
 * @param {string} prefix the name of the value that was parsed (`body`, `query`, `portico`)
 * @param {import('zod').ZodError} error
 * @returns {string}
 */
function describeZodError(prefix, error) {
  return error.issues
    .map(issue => {
      const field = [prefix, ...issue.path].filter(part => part !== '').join('.');
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/**
 * Whether every problem zod found is a reserved name or route: the value is well formed but
 * names something the portal keeps for itself, which the registry answers with 422.
 *
 * @param {import('zod').ZodError} error
 * @returns {boolean}
 */
function isReservedFailure(error) {
  return (
    error.issues.length > 0 &&
    error.issues.every(issue => issue.code === 'custom' && issue.params?.reserved === RESERVED_ISSUE.reserved)
  );
}

module.exports = {
  remoteNameSchema,
  versionSchema,
  routeSchema,
  groupRefSchema,
  titleSchema,
  descriptionSchema,
  remoteDescriptorSchema,
  describeZodError,
  isReservedFailure,
};
