import type { ArchiveFile } from '@portico/contract/archive';

/** Options for a fake built remote, shaped like what `@portico/contract/webpack` emits. */
export interface RemoteFixtureOptions {
  name?: string;
  version?: string;
  route?: string;
  title?: string;
  owner?: string;
  /** Federation name written into mf-manifest.json; defaults to `name`. */
  federationName?: string;
  /** Text baked into the entry, to make two builds differ. */
  body?: string;
  exposes?: string[];
  /** requiredVersion by shared package; defaults to react ^18.3.1. */
  shared?: Record<string, string>;
  /** `sourceMaps` of the descriptor: whether the remote publishes its source maps. */
  sourceMaps?: boolean;
}

/** The files of a built remote's dist folder, small but with the real shapes. */
export function remoteFixture(options: RemoteFixtureOptions = {}): ArchiveFile[] {
  const name = options.name ?? 'team_payments';
  const version = options.version ?? '1.0.0';
  const federationName = options.federationName ?? name;
  const exposes = options.exposes ?? ['./plugin'];
  return [
    {
      path: 'portico-remote.json',
      content: JSON.stringify({
        name,
        version,
        route: options.route ?? '/payments',
        title: options.title ?? 'Payments',
        owner: options.owner ?? 'group:default/payments-team',
        description: 'Payments components',
        ...(options.sourceMaps === undefined ? {} : { sourceMaps: options.sourceMaps }),
      }),
    },
    {
      path: 'mf-manifest.json',
      content: JSON.stringify({
        id: federationName,
        name: federationName,
        metaData: {
          name: federationName,
          globalName: federationName,
          publicPath: 'auto',
          remoteEntry: { name: 'remoteEntry.js', path: '', type: 'global' },
          type: 'app',
          buildInfo: { buildVersion: version, buildName: name },
        },
        shared: Object.entries(options.shared ?? { react: '^18.3.1' }).map(([pkg, requiredVersion]) => ({
          id: `${federationName}:${pkg}`,
          name: pkg,
          version: requiredVersion.replace(/^\^/, ''),
          singleton: true,
          requiredVersion,
          hash: '',
          assets: {},
        })),
        remotes: [],
        exposes: exposes.map(path => ({
          id: `${federationName}:${path.slice(2)}`,
          name: path.slice(2),
          path,
          assets: {},
        })),
      }),
    },
    { path: 'remoteEntry.js', content: `var ${federationName} = {/* ${options.body ?? 'v1'} */};` },
    { path: 'static/js/plugin.abc123.js', content: `console.log(${JSON.stringify(options.body ?? 'v1')});` },
  ];
}
