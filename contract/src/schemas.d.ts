import { z } from 'zod';

/** A remote's name: a lower-case identifier, since federation names become JavaScript globals. */
export declare const remoteNameSchema: z.ZodString;
/** A semver 2.0 version such as `1.2.3` or `1.2.3-rc.1`. */
export declare const versionSchema: z.ZodString;
/** A lower-case path such as `/payments`, not one the shell keeps for itself. */
export declare const routeSchema: z.ZodEffects<z.ZodString, string, string>;
/** A catalog group ref such as `group:default/payments-team`. */
export declare const groupRefSchema: z.ZodString;
/** A remote's title, as the shell shows it. */
export declare const titleSchema: z.ZodString;
/** A remote's one-paragraph description. */
export declare const descriptionSchema: z.ZodString;
/** `portico-remote.json`, written by the remote's build (type RemoteDescriptor). */
export declare const remoteDescriptorSchema: z.ZodObject<{
  name: z.ZodString;
  version: z.ZodString;
  route: z.ZodEffects<z.ZodString, string, string>;
  title: z.ZodString;
  owner: z.ZodString;
  description: z.ZodOptional<z.ZodString>;
}>;
/** Describes a zod failure as `field: problem; field: problem`, naming the field at fault. */
export declare function describeZodError(prefix: string, error: z.ZodError): string;
