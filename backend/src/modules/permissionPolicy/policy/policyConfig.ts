import { z } from 'zod';

/** Where the policy lives in app-config.yaml. */
export const POLICY_CONFIG_KEY = 'portico.permissions';

/** Decisions are cached this long unless `portico.permissions.cache.ttl` says otherwise. */
export const DEFAULT_CACHE_TTL_MS = 10_000;
/** The cache forgets its oldest decisions beyond this many. */
export const DEFAULT_CACHE_MAX_ENTRIES = 10_000;

const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const ENTITY_REF = /^(user|group):([a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/i;
const entityRef = z
  .string()
  .regex(ENTITY_REF, 'expected a user or group entity ref, such as group:default/payments-team');

const conditionsSchema = z
  .object({
    /** The user (or one of their groups) owns the entity or remote. */
    owner: z.literal(true).optional(),
    /** The remote is visible to everyone or to one of the user's groups (registry only). */
    visible: z.literal(true).optional(),
    /** The entity is of one of these kinds (catalog only). */
    kind: oneOrMore.optional(),
    /** The entity is in one of these namespaces (catalog only). */
    namespace: oneOrMore.optional(),
    /** The entity is in one of these domains: the domain itself, its systems and their parts. */
    domain: oneOrMore.optional(),
  })
  .strict();

const grantSchema = z.union([
  z.string().min(1),
  z.object({ permission: oneOrMore, when: conditionsSchema.optional() }).strict(),
]);

const roleSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a lower-case name such as payments-readers'),
    description: z.string().optional(),
    /** `'*'` is everyone signed in. */
    members: z.array(z.union([z.literal('*'), entityRef])).min(1),
    grants: z.array(grantSchema).min(1),
  })
  .strict();

const durationSchema = z.union([
  z.string().min(1),
  z
    .object({
      years: z.number().nonnegative(),
      months: z.number().nonnegative(),
      weeks: z.number().nonnegative(),
      days: z.number().nonnegative(),
      hours: z.number().nonnegative(),
      minutes: z.number().nonnegative(),
      seconds: z.number().nonnegative(),
      milliseconds: z.number().nonnegative(),
    })
    .partial()
    .strict()
    .refine(duration => Object.keys(duration).length > 0, 'name at least one unit, such as { seconds: 10 }'),
]);

/** The shape of `portico.permissions`, before names and scopes are resolved. */
export const policyConfigSchema = z
  .object({
    superusers: z.array(entityRef).default([]),
    cache: z
      .object({
        /** How long a decision is reused; `{ seconds: 0 }` turns the cache off. */
        ttl: durationSchema.optional(),
        maxEntries: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    roles: z.array(roleSchema).default([]),
  })
  .strict();

export type PolicyConfigInput = z.infer<typeof policyConfigSchema>;
export type GrantInput = z.infer<typeof grantSchema>;
export type ConditionsInput = z.infer<typeof conditionsSchema>;
