// @ts-check
/**
 * Builds the shell into shell/dist. The shell is a module federation host without the federation
 * webpack plugin: the registry's manifest names the remotes at run time, and the federation
 * runtime starts in the chunk that loads with the first remote, with the shared singletons handed
 * over by src/federation/sharedModules.ts. So the first screen is React, React DOM and the
 * shell's chrome, nothing else.
 */
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { sharedSingletons } = require('@portico/contract/shared');
const { typescriptRule, RESOLVE_EXTENSIONS } = require('@portico/contract/webpack');

const STYLES = path.join(__dirname, 'src', 'styles.css');

/** The version of each shared singleton the shell bundles, as the runtime announces it to remotes. */
const sharedVersions = Object.fromEntries(
  Object.keys(sharedSingletons).map(name => [
    name,
    JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`, { paths: [__dirname] }), 'utf8')).version,
  ]),
);

/** @type {import('webpack').Configuration} */
module.exports = {
  mode: 'production',
  context: __dirname,
  entry: { main: './src/index.ts' },
  target: 'web',
  devtool: 'source-map',
  output: {
    path: path.join(__dirname, 'dist'),
    publicPath: '/',
    uniqueName: 'portico_shell',
    // The entry keeps a stable name (served with no-cache); everything else is content-hashed.
    filename: pathData => (pathData.chunk?.name === 'main' ? '[name].js' : '[name].[contenthash].js'),
    chunkFilename: '[name].[contenthash].js',
    clean: true,
  },
  resolve: { extensions: RESOLVE_EXTENSIONS },
  module: { rules: [typescriptRule] },
  performance: { hints: false },
  optimization: {
    splitChunks: {
      cacheGroups: {
        // React changes less often than the shell: its own file stays cached across releases.
        react: { test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, name: 'react', chunks: 'initial' },
      },
    },
  },
  plugins: [
    new webpack.DefinePlugin({
      __PORTICO_SHARED_VERSIONS__: JSON.stringify(sharedVersions),
      // What the federation webpack plugin would tell the runtime: a browser build, and no
      // manifest snapshots (remotes are registered by their remoteEntry.js URL).
      ENV_TARGET: JSON.stringify('web'),
      FEDERATION_OPTIMIZE_NO_SNAPSHOT_PLUGIN: true,
    }),
    new HtmlWebpackPlugin({
      template: path.join(__dirname, 'public', 'index.html'),
      scriptLoading: 'defer',
      // Inlined so the first paint is styled without another request or a CSS loader.
      templateParameters: () => ({ inlineStyles: fs.readFileSync(STYLES, 'utf8') }),
    }),
  ],
};
