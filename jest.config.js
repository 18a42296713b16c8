// One jest run for every package: tests live beside the code they test (`*.test.ts`).
/** @type {import('jest').Config} */
module.exports = {
  // Node's environment, which also clears (and names) the timers a test file leaves behind, so that
  // they cannot fire into the next file run by the same worker.
  testEnvironment: '<rootDir>/jest.setupEnvironment.js',
  globalSetup: '<rootDir>/jest.globalSetup.js',
  roots: [
    '<rootDir>/contract',
    '<rootDir>/cli',
    '<rootDir>/registry',
    '<rootDir>/backend',
    '<rootDir>/shell',
    '<rootDir>/remotes',
    '<rootDir>/scripts',
  ],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  // jose (used by Backstage auth), Backstage's frontend packages (`*.esm.js`) and the react-use hooks
  // the remotes import one by one (`react-use/esm/*`, as Backstage's plugins do) are ESM; swc turns
  // them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!jose/)(?!react-use/esm/)(?!.+\\.esm\\.js$)'],
  // Backend tests boot real backends and databases.
  testTimeout: 60_000,
};
