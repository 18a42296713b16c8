import { z } from 'zod';

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

/** The bundle-relative path of the entry (`remoteEntry.js`) a federation manifest names. */
export function entryPathOf(manifest: FederationManifest): string {
  const { path, name } = manifest.metaData.remoteEntry;
  return [path, name]
    .filter(Boolean)
    .join('/')
    .replace(/^\.?\/+/, '');
}
