// @ts-check
/**
 * Builds the stock Backstage app (bench/stock-app) for production with plain webpack, the way
 * backstage-cli would in spirit: one entry, content-hashed chunks, assets as files, CSS as files.
 */
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');

/** @type {import('webpack').Configuration} */
module.exports = {
  mode: 'production',
  context: __dirname,
  entry: { main: './src/index.tsx' },
  target: 'web',
  devtool: false,
  output: {
    path: path.join(__dirname, 'dist'),
    publicPath: '/',
    filename: '[name].[contenthash].js',
    chunkFilename: '[name].[contenthash].js',
    assetModuleFilename: 'assets/[name].[contenthash][ext]',
    clean: true,
  },
  experiments: { css: true },
  resolve: {
    extensions: ['.tsx', '.ts', '.jsx', '.js', '.mjs', '.json'],
    // Like backstage-cli: browser versions of the Node modules some Backstage code imports
    // (csv-stringify, for the catalog's CSV export, extends stream.Transform).
    fallback: { stream: require.resolve('stream-browserify'), events: require.resolve('events/') },
    // One zod 4 for every Backstage package, as in a freshly created app. In this monorepo the
    // hoisted zod is 3.25 (the registry's), whose `zod/v4` cannot be mixed with zod 4 schemas.
    alias: { zod: path.dirname(require.resolve('zod/package.json', { paths: [__dirname] })) },
  },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        exclude: /node_modules/,
        loader: require.resolve('esbuild-loader'),
        options: { target: 'es2020', jsx: 'automatic' },
      },
      { test: /\.m?js$/, resolve: { fullySpecified: false } },
      { test: /\.(svg|png|jpe?g|gif|woff2?|ttf|eot)$/, type: 'asset/resource' },
    ],
  },
  performance: { hints: false },
  plugins: [
    new webpack.DefinePlugin({ 'process.env.APP_CONFIG': JSON.stringify([]) }),
    // Like backstage-cli: some Backstage frontend code uses Node's Buffer global.
    new webpack.ProvidePlugin({ Buffer: ['buffer', 'Buffer'], process: 'process/browser' }),
    new HtmlWebpackPlugin({ template: path.join(__dirname, 'public', 'index.html'), scriptLoading: 'defer' }),
  ],
};
