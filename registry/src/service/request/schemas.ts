import {
  descriptionSchema,
  groupRefSchema,
  remoteNameSchema,
  routeSchema,
  titleSchema,
  versionSchema,
} from '@portico/contract/schemas';
import { valid as validSemver } from 'semver';
import { z } from 'zod';

/** Body of a publish that points at an externally hosted remote. */
export const externalPublishSchema = z.object({
  version: versionSchema,
  manifestUrl: z
    .string()
    .url()
    .refine(url => /^https?:\/\//.test(url), 'must be an http(s) URL'),
  route: routeSchema,
  title: titleSchema,
  owner: groupRefSchema,
  description: descriptionSchema.optional(),
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
  groups: z.array(groupRefSchema).max(100),
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
