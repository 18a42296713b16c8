import { createHash } from 'node:crypto';
import { access, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Configuration, WebpackPluginInstance } from 'webpack';
import { ROOT } from './portal';

/** The source of every fixture build: one small remote, several variants (see its README). */
const FIXTURE_SOURCE = join(ROOT, 'e2e/fixtures/remote');
/**
 * Inside the repository (so the builds resolve its node_modules), outside node_modules (which the
 * TypeScript rule skips).
 */
const CACHE_DIR = join(ROOT, 'e2e/.fixture-builds');
const OWNER = 'group:default/search-team';

type Variant = 'healthy' | 'throws-at-evaluation' | 'throws-at-render' | 'legacy';

interface FixtureDefinition {
  name: string;
  title: string;
  route: string;
  variant: Variant;
  /** Overrides the shared `react` requirement of the build (the incompatible remote). */
  requireReact?: string;
}

/** Every fixture remote the e2e suite publishes, by key. */
export const FIXTURES = {
  hosted: { name: 'e2e_hosted', title: 'Hosted', route: '/e2e-hosted', variant: 'healthy' },
  evaluationThrows: {
    name: 'e2e_eval_throws',
    title: 'Throws on load',
    route: '/e2e-eval-throws',
    variant: 'throws-at-evaluation',
  },
  renderThrows: {
    name: 'e2e_render_throws',
    title: 'Throws on render',
    route: '/e2e-render-throws',
    variant: 'throws-at-render',
  },
  needsReact19: {
    name: 'e2e_needs_react19',
    title: 'Needs React 19',
    route: '/e2e-needs-react19',
    variant: 'healthy',
    requireReact: '^19.0.0',
  },
  legacy: { name: 'e2e_legacy', title: 'Legacy plugin', route: '/e2e-legacy', variant: 'legacy' },
} satisfies Record<string, FixtureDefinition>;

export type FixtureKey = keyof typeof FIXTURES;
export const FIXTURE_OWNER = OWNER;

async function hashSources(): Promise<string> {
  const hash = createHash('sha256').update(JSON.stringify(FIXTURES));
  const inputs = [FIXTURE_SOURCE, join(ROOT, 'contract/src'), join(ROOT, 'package-lock.json'), __filename];
  for (const input of inputs) {
    const entries = await readdir(input, { recursive: true, withFileTypes: true }).catch(() => null);
    const files = entries
      ? entries
          .filter(entry => entry.isFile())
          .map(entry => join(entry.parentPath, entry.name))
          .sort()
      : [input];
    for (const file of files) hash.update(relative(ROOT, file)).update(await readFile(file));
  }
  return hash.digest('hex').slice(0, 16);
}

async function prepareFolder(dir: string, fixture: FixtureDefinition) {
  await rm(dir, { recursive: true, force: true });
  await cp(join(FIXTURE_SOURCE, 'src'), join(dir, 'src'), { recursive: true });
  const pkg = {
    name: `@portico/e2e-fixture-${fixture.name}`,
    version: '1.0.0',
    private: true,
    portico: {
      name: fixture.name,
      route: fixture.route,
      title: fixture.title,
      owner: OWNER,
      description: `e2e fixture (${fixture.variant}${fixture.requireReact ? `, requires react ${fixture.requireReact}` : ''})`,
    },
  };
  await writeFile(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
}

/**
 * The federation plugin of a fixture that requires another React than the shell shares: the
 * options the remote helper gives every remote (contract/src/webpack/index.js), built here from
 * the contract's public rules, with react's `requiredVersion` replaced.
 */
async function federationPluginRequiringReact(dir: string, requiredVersion: string): Promise<WebpackPluginInstance> {
  const { ModuleFederationPlugin } = await import('@module-federation/enhanced/webpack');
  const { readRemoteDescriptor } = await import('@portico/contract/webpack');
  const { REMOTE_EXPOSED_MODULE, sharedSingletons } = await import('@portico/contract/shared');
  return new ModuleFederationPlugin({
    name: readRemoteDescriptor(dir).name,
    filename: 'remoteEntry.js',
    exposes: { [REMOTE_EXPOSED_MODULE]: join(dir, 'src/plugin.tsx') },
    shared: { ...sharedSingletons, react: { ...sharedSingletons.react, requiredVersion } },
    shareStrategy: 'loaded-first',
    manifest: true,
    dts: false,
  });
}

async function configFor(dir: string, fixture: FixtureDefinition): Promise<Configuration> {
  const { default: webpack } = await import('webpack');
  const { ModuleFederationPlugin } = await import('@module-federation/enhanced/webpack');
  const { createRemoteWebpackConfig } = await import('@portico/contract/webpack');
  const config = createRemoteWebpackConfig({ dir });
  config.resolve = {
    ...config.resolve,
    alias: { 'portico-e2e-fixture-variant$': join(dir, 'src/variants', `${fixture.variant}.tsx`) },
  };
  let plugins = (config.plugins ?? []) as WebpackPluginInstance[];
  if (fixture.requireReact) {
    const federation = await federationPluginRequiringReact(dir, fixture.requireReact);
    plugins = plugins.map(plugin => (plugin instanceof ModuleFederationPlugin ? federation : plugin));
  }
  plugins.push(
    new webpack.DefinePlugin({ __PORTICO_FIXTURE__: JSON.stringify({ name: fixture.name, title: fixture.title }) }),
  );
  config.plugins = plugins;
  config.devtool = false;
  config.infrastructureLogging = { level: 'error' };
  return config;
}

let built: Promise<Record<FixtureKey, string>> | undefined;

/**
 * Builds every fixture remote once (one webpack run for all of them), or reuses the builds of an
 * earlier run with the same sources. Returns each fixture's dist folder.
 */
export function buildFixtures(): Promise<Record<FixtureKey, string>> {
  built ??= (async () => {
    const root = join(CACHE_DIR, await hashSources());
    const dists = Object.fromEntries(
      Object.entries(FIXTURES).map(([key, fixture]) => [key, join(root, fixture.name, 'dist')]),
    ) as Record<FixtureKey, string>;
    if (
      await access(join(root, 'complete')).then(
        () => true,
        () => false,
      )
    )
      return dists;

    await rm(CACHE_DIR, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    const configs: Configuration[] = [];
    for (const fixture of Object.values(FIXTURES) as FixtureDefinition[]) {
      const dir = join(root, fixture.name);
      await prepareFolder(dir, fixture);
      configs.push(await configFor(dir, fixture));
    }
    const { default: webpack } = await import('webpack');
    await new Promise<void>((resolve, reject) => {
      webpack(configs, (error, stats) => {
        if (error) reject(error);
        else if (stats?.hasErrors()) reject(new Error(stats.toString({ all: false, errors: true })));
        else resolve();
      });
    });
    await writeFile(join(root, 'complete'), new Date().toISOString());
    return dists;
  })();
  return built;
}
