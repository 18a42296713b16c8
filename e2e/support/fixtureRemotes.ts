import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FIXTURES, FIXTURE_OWNER, buildFixtures, type FixtureKey } from './fixtures';
import { DATA_DIR, E2E_TMP, LISTED_HOST_PORT, ROOT } from './portal';
import { portico } from './publish';
import { startStaticHost, type StaticHost } from './staticHost';

/** The externally hosted fixture remotes: where the host serves them, and their manifest entries. */
export const HOSTED = {
  /** A healthy remote the failure tests make its host misbehave for. */
  hosted: { ...FIXTURES.hosted, prefix: '/hosted', entryPath: '/hosted/remoteEntry.js' },
  /** A remote whose host answers an HTML page for its remoteEntry.js (an SPA fallback). */
  notJs: {
    name: 'e2e_not_js',
    title: 'Not JavaScript',
    route: '/e2e-not-js',
    prefix: '/not-js',
    entryPath: '/not-js/remoteEntry.js',
  },
};

const HTML_FALLBACK =
  '<!doctype html><html><head><title>Team site</title></head><body>Not found, here is our home page.</body></html>';

/**
 * A copy of a built remote's mf-manifest.json under another name that lists no chunks: the
 * registry checks that the entry pins every listed file, and these remotes' stand-in entries
 * (an HTML page, a one-line script) pin none.
 */
export function manifestWithoutFiles(manifest: Record<string, unknown>, name: string) {
  const withoutAssets = (list: unknown) => (Array.isArray(list) ? list.map(item => ({ ...item, assets: {} })) : list);
  return { ...manifest, name, exposes: withoutAssets(manifest.exposes), shared: withoutAssets(manifest.shared) };
}

let hosting: Promise<StaticHost> | undefined;

/**
 * Starts the team's static host on the port the shell's CSP lists (once per worker) and
 * registers its remotes with the registry by URL, as a team hosting its own remote would.
 */
export function hostFixtureRemotes(): Promise<StaticHost> {
  hosting ??= (async () => {
    const dists = await buildFixtures();
    const host = await startStaticHost({ port: LISTED_HOST_PORT });
    host.mount(HOSTED.hosted.prefix, dists.hosted);

    // A copy of the manifest under another name, whose "remoteEntry.js" is an HTML page.
    const notJsDir = join(E2E_TMP, 'not-js');
    await mkdir(notJsDir, { recursive: true });
    const manifest = JSON.parse(await readFile(join(dists.hosted, 'mf-manifest.json'), 'utf8'));
    await writeFile(
      join(notJsDir, 'mf-manifest.json'),
      JSON.stringify(manifestWithoutFiles(manifest, HOSTED.notJs.name)),
    );
    host.mount(HOSTED.notJs.prefix, notJsDir);
    host.behave(HOSTED.notJs.entryPath, { body: HTML_FALLBACK, contentType: 'text/html; charset=utf-8' });

    for (const remote of Object.values(HOSTED)) {
      await publishHosted(host, remote, '1.0.0');
    }
    return host;
  })();
  return hosting;
}

/** Registers (a version of) a hosted fixture remote by its mf-manifest.json URL. */
export async function publishHosted(
  host: StaticHost,
  remote: (typeof HOSTED)[keyof typeof HOSTED],
  version: string,
): Promise<string> {
  return portico(
    'publish',
    `${host.url}${remote.prefix}/mf-manifest.json`,
    '--name',
    remote.name,
    '--version',
    version,
    '--route',
    remote.route,
    '--title',
    remote.title,
    '--owner',
    FIXTURE_OWNER,
  );
}

/**
 * Registers a shell contract in which the shell provides `overrides` instead of its real
 * versions, runs `fn`, and registers the real contract again: as if a shell built with other
 * versions had been live for a while.
 */
async function withShellContract(overrides: Record<string, string>, fn: () => Promise<void>) {
  const { sharedSingletons } = await import('@portico/contract/shared');
  const shellDir = join(E2E_TMP, 'other-shell');
  for (const name of Object.keys(sharedSingletons)) {
    const real = JSON.parse(
      await readFile(require.resolve(`${name}/package.json`, { paths: [join(ROOT, 'shell')] }), 'utf8'),
    );
    const packageJson = join(shellDir, 'node_modules', name, 'package.json');
    await mkdir(dirname(packageJson), { recursive: true });
    await writeFile(packageJson, JSON.stringify({ name, version: overrides[name] ?? real.version }));
  }
  await portico('shell-contract', '--shell-dir', shellDir);
  try {
    await fn();
  } finally {
    await portico('shell-contract', '--shell-dir', join(ROOT, 'shell'));
  }
}

let uploading: Promise<Record<FixtureKey, string>> | undefined;

/**
 * Publishes the uploaded fixture remotes (once per worker; publishing is idempotent), through the
 * registry as a team's CI would. The one that needs React 19 passes the registry's compatibility
 * gate only against a shell that provides React 19: it is published while such a shell contract
 * is registered, then the real shell (React 18) is registered again, as after a shell rollback.
 */
export function publishFixtureUploads(): Promise<Record<FixtureKey, string>> {
  uploading ??= (async () => {
    const dists = await buildFixtures();
    for (const key of ['evaluationThrows', 'renderThrows', 'legacy'] as const) {
      await portico('publish', dists[key]);
    }
    await withShellContract({ react: '19.0.0' }, async () => {
      await portico('publish', dists.needsReact19);
    });
    return dists;
  })();
  return uploading;
}

/** Where the registry keeps the bytes of an uploaded file (content-addressed by SHA-384). */
export async function registryBlobOf(file: string): Promise<string> {
  const digest = createHash('sha384')
    .update(await readFile(file))
    .digest('hex');
  return join(DATA_DIR, 'registry', 'blobs', digest.slice(0, 2), digest);
}
