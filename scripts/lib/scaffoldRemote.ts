import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  describeZodError,
  descriptionSchema,
  groupRefSchema,
  remoteNameSchema,
  routeSchema,
  titleSchema,
} from '@portico/contract/schemas';

/** What `npm run new:remote -- <name> --owner <group>` needs to know. */
export interface ScaffoldOptions {
  /** The repository root; the remote goes to `remotes/<name>`. */
  root: string;
  /** Folder and package name, lower-case words with dashes: `search`, `cost-insights`. */
  name: string;
  /** Owning group: `search-team`, or a full ref such as `group:default/search-team`. */
  owner: string;
  /** Shown in the navigation; defaults to the name in title case. */
  title?: string;
  /** Where the shell mounts it; defaults to `/<name>`. */
  route?: string;
  /** Federation container name; defaults to the name with underscores (`cost_insights`). */
  container?: string;
  description?: string;
}

/** The contract's schemas the options are parsed with. */
type StringSchema = typeof remoteNameSchema | typeof routeSchema | typeof titleSchema;

/** Folder and package names: lower-case words joined by dashes. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Contract versions every remote builds against (the shell provides these singletons). */
const VERSIONS = {
  backstageCatalogClient: '1.16.4',
  backstageCorePluginApi: '1.13.0',
  backstageFrontendPluginApi: '1.0.0',
  react: '18.3.1',
  reactRouterDom: '6.30.6',
  reactUse: '17.6.1',
  webpack: '5.113.0',
  webpackCli: '6.0.0',
  contract: '0.1.0',
};

const titleCase = (name: string) =>
  name
    .split('-')
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join(' ');
const pascalCase = (name: string) =>
  name
    .split('-')
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join('');

/** `search-team`, `default/search-team` or `group:search-team` as a full ref: `group:default/search-team`. */
function ownerRef(owner: string): string {
  const withKind = owner.includes(':') ? owner : `group:${owner}`;
  const [kind, rest] = [withKind.slice(0, withKind.indexOf(':')), withKind.slice(withKind.indexOf(':') + 1)];
  return `${kind}:${rest.includes('/') ? rest : `default/${rest}`}`;
}

/**
 * Parses one option with the contract's schema, the one the registry and the remote webpack
 * helper use too, so that the scaffold never writes a remote they would refuse. The error names
 * the option, the rule, and what was given.
 */
function parseOption(schema: StringSchema, option: string, value: string): string {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new Error(`${describeZodError(option, result.error)}; got "${value}"`);
}

/** Checks the options and fills in the defaults; throws an error that names the option at fault. */
export function resolveScaffoldOptions(options: ScaffoldOptions) {
  const { name } = options;
  if (!NAME.test(name)) {
    throw new Error(
      `<name> must be lower-case words joined by dashes, such as "search" or "cost-insights"; got "${name}"`,
    );
  }
  const owner = ownerRef(options.owner ?? '');
  if (!groupRefSchema.safeParse(owner).success) {
    throw new Error(
      '--owner must name the owning group, such as "search-team" or "group:default/search-team"; ' +
        `got "${options.owner ?? ''}"`,
    );
  }
  const container = parseOption(remoteNameSchema, '--container', options.container ?? name.replace(/-/g, '_'));
  const route = parseOption(routeSchema, '--route', options.route ?? `/${name}`);
  const title = parseOption(titleSchema, '--title', options.title ?? titleCase(name));
  const description = parseOption(
    descriptionSchema,
    '--description',
    options.description ?? `${title}, a Portico remote owned by ${owner.replace(/^group:default\//, '')}.`,
  );
  return { name, container, route, title, owner, description, component: `${pascalCase(name)}Page` };
}

type Resolved = ReturnType<typeof resolveScaffoldOptions>;

function files(remote: Resolved): Record<string, string> {
  const pkg = {
    name: `@portico/remote-${remote.name}`,
    version: '0.1.0',
    private: true,
    description: remote.description,
    scripts: {
      build: 'webpack --mode production',
      start: 'node ../../scripts/remote-start.mjs',
    },
    dependencies: {
      '@backstage/catalog-client': VERSIONS.backstageCatalogClient,
      '@backstage/core-plugin-api': VERSIONS.backstageCorePluginApi,
      '@backstage/frontend-plugin-api': VERSIONS.backstageFrontendPluginApi,
      '@portico/contract': VERSIONS.contract,
      react: VERSIONS.react,
      'react-dom': VERSIONS.react,
      'react-router-dom': VERSIONS.reactRouterDom,
      'react-use': VERSIONS.reactUse,
    },
    devDependencies: { webpack: VERSIONS.webpack, 'webpack-cli': VERSIONS.webpackCli },
    portico: {
      name: remote.container,
      route: remote.route,
      title: remote.title,
      owner: remote.owner,
      description: remote.description,
    },
  };
  const { component } = remote;
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    'webpack.config.js':
      "module.exports = require('@portico/contract/webpack').createRemoteWebpackConfig({ dir: __dirname });\n",
    'README.md': `# @portico/remote-${remote.name}

${remote.description}

- Federation container \`${remote.container}\`, mounted by the shell at \`${remote.route}\`, owned by
  \`${remote.owner}\` (the \`portico\` block of \`package.json\`; the version is \`version\`).
- \`src/plugin.tsx\` default-exports a Backstage frontend plugin with one \`PageBlueprint\` page at
  \`/\`, relative to the remote's route. See shell/README.md for the contract and the APIs the shell
  provides.

\`\`\`sh
npm start                                        # build, then publish to the local portal (npm start at the root first)
npm run build --workspace @portico/remote-${remote.name}   # build only, into dist/
\`\`\`

\`npm start\` publishes with the \`portico\` CLI to \`PORTICO_BACKEND_URL\` (default
http://localhost:7007) with \`PORTICO_TOKEN\`, or the token the local portal keeps in
\`data/publish-token\`. Bump \`version\` before publishing a change: versions are immutable.
`,
    'src/routes.ts': `import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The remote's root page, at the route the shell mounts it at. */
export const rootRouteRef = createRouteRef();
`,
    'src/plugin.tsx': `import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from './routes';

/** The page. Its path is relative to the remote's route (\`${remote.route}\`); it loads lazily. */
export const ${remote.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Page = PageBlueprint.make({
  params: {
    path: '/',
    title: ${JSON.stringify(remote.title)},
    routeRef: rootRouteRef,
    loader: () => import('./components/${component}').then(m => <m.${component} />),
  },
});

/** ${remote.title}, exposed to the Portico shell as \`./plugin\`. */
export default createFrontendPlugin({
  pluginId: ${JSON.stringify(remote.name)},
  title: ${JSON.stringify(remote.title)},
  routes: { root: rootRouteRef },
  extensions: [${remote.name.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase())}Page],
});
`,
    [`src/components/${component}/index.ts`]: `export { ${component} } from './${component}';\n`,
    [`src/components/${component}/${component}.tsx`]: `import { useMemo } from 'react';
import { CatalogClient } from '@backstage/catalog-client';
import { discoveryApiRef, fetchApiRef, identityApiRef, useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';

const OWNER = ${JSON.stringify(remote.owner)};

/**
 * A starting point: who is signed in (identity API) and what the owning group owns in the
 * catalog (Backstage's catalog client on the discovery and fetch APIs; fetch adds the user's
 * token, the permission policy decides).
 */
export function ${component}() {
  const identityApi = useApi(identityApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const catalogApi = useMemo(() => new CatalogClient({ discoveryApi, fetchApi }), [discoveryApi, fetchApi]);
  const identity = useAsync(() => identityApi.getBackstageIdentity(), [identityApi]);
  const owned = useAsync(async () => {
    const { items } = await catalogApi.queryEntities({
      filter: { 'relations.ownedBy': OWNER },
      fields: ['metadata.name'],
    });
    return items.map(entity => entity.metadata.name);
  }, [catalogApi]);

  return (
    <section data-testid="${remote.name}-page">
      <p>Signed in as {identity.value?.userEntityRef ?? '…'}.</p>
      <h2>Owned by {OWNER}</h2>
      {owned.loading && <p role="status">Asking the catalog…</p>}
      {owned.error && <p role="alert">{owned.error.message}</p>}
      {owned.value?.length === 0 && <p>Nothing yet.</p>}
      {owned.value && owned.value.length > 0 && (
        <ul>
          {owned.value.map(name => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
`,
  };
}

/**
 * Writes a working remote to `remotes/<name>`: package.json with its `portico` block, the
 * one-line webpack config, a frontend plugin with one lazily loaded page, a README. Refuses to
 * overwrite anything. Returns the paths written, relative to the remote's folder.
 */
export async function scaffoldRemote(options: ScaffoldOptions): Promise<{ dir: string; files: string[] }> {
  const remote = resolveScaffoldOptions(options);
  const dir = join(options.root, 'remotes', remote.name);
  if (
    await stat(dir).then(
      () => true,
      () => false,
    )
  ) {
    throw new Error(`remotes/${remote.name} exists already; choose another name`);
  }
  const contents = files(remote);
  for (const [path, text] of Object.entries(contents)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
  return { dir, files: Object.keys(contents) };
}
