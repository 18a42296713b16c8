// @ts-check
/**
 * Builds the shell into shell/dist. The shell is a module federation host with no static
 * remotes: the registry's manifest names them at run time (src/federation/federationRuntime.ts).
 */
const fs = require('node:fs');
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { ModuleFederationPlugin } = require('@module-federation/enhanced/webpack');
const { sharedSingletons } = require('@portico/contract/shared');
const { typescriptRule, RESOLVE_EXTENSIONS } = require('@portico/contract/webpack');

const STYLES = path.join(__dirname, 'src', 'styles.css');

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
    filename: '[name].js',
    chunkFilename: '[name].[contenthash].js',
    clean: true,
  },
  resolve: { extensions: RESOLVE_EXTENSIONS },
  module: { rules: [typescriptRule] },
  performance: { hints: false },
  plugins: [
    new ModuleFederationPlugin({
      name: 'portico_shell',
      shared: sharedSingletons,
      // A dead remote must not break a healthy one (see /work/shared/FACTS.md).
      shareStrategy: 'loaded-first',
      dts: false,
      manifest: false,
      experiments: {
        // Remotes are registered by their remoteEntry.js URL, never by an mf-manifest.json, so
        // the manifest snapshot code is dead weight on the first screen.
        optimization: { disableSnapshot: true, target: 'web' },
      },
    }),
    new HtmlWebpackPlugin({
      template: path.join(__dirname, 'public', 'index.html'),
      scriptLoading: 'defer',
      // Inlined so the first paint is styled without another request or a CSS loader.
      templateParameters: () => ({ inlineStyles: fs.readFileSync(STYLES, 'utf8') }),
    }),
  ],
};
