import { z } from 'zod';
import { valid as validSemver } from 'semver';

/** Federation container names are identifiers: they become JavaScript globals. */
export const remoteNameSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'must be a lower-case identifier such as team_payments (letters, digits, _)');

export const versionSchema = z
  .string()
  .max(64)
  .refine(value => validSemver(value) === value, 'must be a semver version such as 1.2.3');

export const routeSchema = z
  .string()
  .max(200)
  .regex(/^\/[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'must be a path such as /payments (lower case, digits, -)');

export const entityRefSchema = z
  .string()
  .regex(/^group:[a-z0-9-_.]+\/[a-zA-Z0-9-_.]+$/, 'must be a group entity ref such as group:default/payments-team');

/** `portico-remote.json`, written by the remote's build (type RemoteDescriptor). */
export const remoteDescriptorSchema = z.object({
  name: remoteNameSchema,
  version: versionSchema,
  route: routeSchema,
  title: z.string().min(1).max(100),
  owner: entityRefSchema,
  description: z.string().max(500).optional(),
});

/** The parts of `mf-manifest.json` the registry relies on. */
export const federationManifestSchema = z.object({
  name: z.string().min(1),
  metaData: z.object({
    remoteEntry: z.object({
      name: z.string().min(1),
      path: z.string(),
    }),
  }),
  shared: z
    .array(
      z.object({
        name: z.string(),
        version: z.string().optional(),
        requiredVersion: z.string().optional(),
        singleton: z.boolean().optional(),
      }),
    )
    .default([]),
  exposes: z.array(z.object({ name: z.string(), path: z.string().optional() })),
});

export type FederationManifest = z.infer<typeof federationManifestSchema>;

/** Body of a publish that points at an externally hosted remote. */
export const externalPublishSchema = z.object({
  version: versionSchema,
  manifestUrl: z.string().url().refine(url => /^https?:\/\//.test(url), 'must be an http(s) URL'),
  route: routeSchema,
  title: z.string().min(1).max(100),
  owner: entityRefSchema,
  description: z.string().max(500).optional(),
});

export const setLiveSchema = z.object({ version: versionSchema });

export const promoteSchema = z.object({
  version: versionSchema,
  /** Below 100 starts (or changes) a canary; 100 or absent makes the version live for all. */
  percent: z.number().int().min(1).max(100).optional(),
});

export const deprecateSchema = z.object({
  version: versionSchema.optional(),
  sunset: z.string().datetime({ offset: true }).or(z.string().date()),
  message: z.string().max(500).optional(),
});

export const visibilitySchema = z.object({
  groups: z.array(entityRefSchema).max(100),
});

export const shellContractSchema = z.object({
  shared: z.record(
    z.string().min(1),
    z.string().refine(value => validSemver(value) === value, 'must be an exact semver version such as 18.3.1'),
  ),
});

export const auditQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  remote: remoteNameSchema.optional(),
});

/** Describes a zod failure as `field: problem`, the way InputError messages name the field. */
export function describeZodError(prefix: string, error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const field = [prefix, ...issue.path].filter(part => part !== '').join('.');
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}
