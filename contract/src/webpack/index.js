// @ts-check
/**
 * The webpack configuration every Portico remote builds with.
 *
 * A remote's `webpack.config.js` is one line:
 *
 * ```js
 * module.exports = require('@portico/contract/webpack').createRemoteWebpackConfig({ dir: __dirname });
 * ```
 *
 * Plain CommonJS so that webpack-cli can load it without a TypeScript loader.
 */
const fs = require('node:fs');
const path = require('node:path');
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { SubresourceIntegrityPlugin } = require('webpack-subresource-integrity');
const { sharedSingletons, REMOTE_EXPOSED_MODULE, REMOTE_DESCRIPTOR_FILE } = require('../shared.js');
const { describeZodError, remoteDescriptorSchema, versionSchema } = require('../schemas.js');

/** How every Portico build (the shell's and each remote's) compiles TypeScript and TSX. */
const typescriptRule = {
  test: /\.[cm]?[jt]sx?$/,
  exclude: /node_modules/,
  loader: require.resolve('esbuild-loader'),
  options: { target: 'es2020', jsx: 'automatic' },
};
const RESOLVE_EXTENSIONS = ['.tsx', '.ts', '.jsx', '.js', '.mjs', '.json'];

/**
 * webpack's JavaScript minimizer, set up to keep license comments inside each chunk instead of
 * extracting them to `*.LICENSE.txt`: the registry accepts only the file types a remote needs,
 * and text files are not among them.
 *
 * @returns {import('webpack').WebpackPluginInstance}
 */
function createMinimizer() {
  const MinimizerPlugin = require('minimizer-webpack-plugin');
  return new MinimizerPlugin({ extractComments: false, minimizerOptions: { compress: { passes: 2 } } });
}

/** The source file every remote exposes as `./plugin`. */
const PLUGIN_SOURCE = 'src/plugin.tsx';
/** The `portico` block: the descriptor without its version, which is the package's own. */
const porticoBlockSchema = remoteDescriptorSchema.omit({ version: true });

/**
 * Reads and validates the `portico` block of a remote's package.json with the registry's own
 * schemas: the registry refuses other names and routes at publish time, and failing the build
 * is kinder.
 *
 * @param {string} dir the remote's package folder
 * @returns {import('../types').RemoteDescriptor}
 */
function readRemoteDescriptor(dir) {
  const packageJsonPath = path.join(dir, 'package.json');
  /** @type {{ version?: unknown; portico?: unknown }} */
  const pkg = JSON.parse(fs.readFileSync(packageJsonPath, 'utf8'));
  if (!pkg.portico || typeof pkg.portico !== 'object') {
    throw new Error(`${packageJsonPath}: portico is missing: add a "portico" block with name, route, title and owner`);
  }
  const { description, ...portico } = /** @type {Record<string, unknown>} */ (pkg.portico);
  // An empty description is no description.
  const block = porticoBlockSchema.safeParse(description === '' ? portico : { ...portico, description });
  const version = versionSchema.safeParse(pkg.version);
  if (block.success && version.success) {
    return { ...block.data, version: version.data };
  }
  const problems = [
    ...(block.success ? [] : [describeZodError('portico', block.error)]),
    ...(version.success ? [] : [describeZodError('version', version.error)]),
  ];
  throw new Error(`${packageJsonPath}: ${problems.join('; ')}`);
}

/**
 * Writes the remote descriptor (`portico-remote.json`) into the build output.
 */
class RemoteDescriptorPlugin {
  /** @param {import('../types').RemoteDescriptor} descriptor */
  constructor(descriptor) {
    this.descriptor = descriptor;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PorticoRemoteDescriptorPlugin', compilation => {
      compilation.hooks.processAssets.tap(
        { name: 'PorticoRemoteDescriptorPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          compilation.emitAsset(
            REMOTE_DESCRIPTOR_FILE,
            new sources.RawSource(`${JSON.stringify(this.descriptor, null, 2)}\n`),
          );
        },
      );
    });
  }
}

/**
 * Lets webpack-subresource-integrity work with module federation's shared modules.
 *
 * Each shared singleton gets a split chunk holding only its `consume-shared` module. Such a
 * chunk emits no file, yet the runtime's hash map gets a placeholder for it that the SRI plugin
 * can never resolve, so it fails the build ("Asset remoteEntry.js contains unresolved integrity
 * placeholders", https://github.com/waysact/webpack-subresource-integrity/issues/176, analysed
 * in https://github.com/waysact/webpack-subresource-integrity/pull/220). The runtime never
 * fetches a chunk without a file, so its entry is replaced with `null` before the SRI plugin
 * computes any hash. Chunks with files keep their hashes and stay verified.
 */
class FilelessChunkIntegrityPlugin {
  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { Compilation, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap('PorticoFilelessChunkIntegrityPlugin', compilation => {
      compilation.hooks.processAssets.tap(
        // Before the SRI plugin (OPTIMIZE_INLINE) and before minification.
        { name: 'PorticoFilelessChunkIntegrityPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE },
        assets => {
          const filelessIds = [...compilation.chunks]
            .filter(chunk => chunk.id !== null && chunk.files.size === 0)
            .map(chunk => String(chunk.id).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
          if (filelessIds.length === 0) return;
          const pattern = new RegExp(
            `(["']?)(${filelessIds.join('|')})\\1(\\s*:\\s*)"\\*-\\*-\\*-CHUNK-SRI-HASH-[^"]*"`,
            'g',
          );
          for (const chunk of compilation.chunks) {
            if (!chunk.hasRuntime()) continue;
            for (const file of chunk.files) {
              if (!file.endsWith('.js') || !assets[file]) continue;
              const original = assets[file].source().toString();
              const updated = original.replace(pattern, '$1$2$1$3null');
              if (updated !== original) {
                compilation.updateAsset(file, new sources.RawSource(updated));
              }
            }
          }
        },
      );
    });
  }
}

/**
 * Creates the complete production webpack configuration of a remote.
 *
 * It exposes `src/plugin.tsx` as `./plugin` from a federation container named after
 * `portico.name`, shares the singletons of `@portico/contract/shared`, writes `remoteEntry.js`,
 * `mf-manifest.json` and `portico-remote.json` into `dist/`, and gives every chunk a content hash
 * and an SRI hash so that a host that trusts `remoteEntry.js` can trust the whole remote. Source
 * maps are emitted (and published) only when the remote asks with `portico.sourceMaps: true`:
 * they would otherwise hand a team's sources to everyone who can load the remote.
 *
 * @param {{ dir: string }} options `dir` is the remote's package folder (its `__dirname`)
 * @returns {import('webpack').Configuration}
 */
function createRemoteWebpackConfig({ dir }) {
  if (!dir || !path.isAbsolute(dir)) {
    throw new Error(`createRemoteWebpackConfig: dir must be an absolute path, got "${dir}"`);
  }
  const descriptor = readRemoteDescriptor(dir);
  const entry = path.join(dir, PLUGIN_SOURCE);
  if (!fs.existsSync(entry)) {
    throw new Error(`createRemoteWebpackConfig: ${entry} does not exist; every remote exposes it`);
  }

  return {
    mode: 'production',
    context: dir,
    // The container entry is the only entry a remote needs.
    entry: {},
    target: 'web',
    devtool: descriptor.sourceMaps === true ? 'source-map' : false,
    output: {
      path: path.join(dir, 'dist'),
      publicPath: 'auto',
      uniqueName: descriptor.name,
      filename: '[name].[contenthash].js',
      chunkFilename: '[name].[contenthash].js',
      crossOriginLoading: 'anonymous',
      // A module that throws while evaluating is evicted from the cache, so the shell's Retry
      // evaluates it again instead of getting its half-initialised exports.
      strictModuleExceptionHandling: true,
      clean: true,
    },
    resolve: { extensions: RESOLVE_EXTENSIONS },
    module: { rules: [typescriptRule] },
    optimization: {
      realContentHash: true,
      minimizer: [createMinimizer()],
    },
    performance: { hints: false },
    plugins: [
      new ModuleFederationPlugin({
        name: descriptor.name,
        filename: 'remoteEntry.js',
        exposes: { [REMOTE_EXPOSED_MODULE]: entry },
        shared: sharedSingletons,
        shareStrategy: 'loaded-first',
        manifest: true,
        dts: false,
      }),
      new FilelessChunkIntegrityPlugin(),
      new SubresourceIntegrityPlugin({ hashFuncNames: ['sha384'] }),
      new RemoteDescriptorPlugin(descriptor),
    ],
  };
}

module.exports = {
  createRemoteWebpackConfig,
  readRemoteDescriptor,
  FilelessChunkIntegrityPlugin,
  typescriptRule,
  RESOLVE_EXTENSIONS,
};
