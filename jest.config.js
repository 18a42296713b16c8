// One jest run for every package: tests live beside the code they test (`*.test.ts`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  globalSetup: '<rootDir>/jest.globalSetup.js',
  roots: ['<rootDir>/contract', '<rootDir>/registry', '<rootDir>/backend', '<rootDir>/shell', '<rootDir>/remotes', '<rootDir>/scripts'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  // jose (used by Backstage auth) and Backstage's frontend packages (`*.esm.js`, for the remotes'
  // component tests) ship ESM only; swc turns them into CommonJS for jest.
  transformIgnorePatterns: ['/node_modules/(?!jose/)(?!.+\\.esm\\.js$)'],
  // Backend tests boot real backends and databases.
  testTimeout: 60_000,
};
