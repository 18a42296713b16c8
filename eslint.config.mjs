// One lint configuration for every package: JavaScript's and TypeScript's recommended rules,
// React's rules of hooks, and Backstage's own rules for monorepos (each package declares what it
// imports; no relative imports across packages). Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import backstage from '@backstage/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'data/**',
      'coverage/**',
      'e2e/.tmp/**',
      'e2e/.fixture-builds/**',
      'e2e/test-results/**',
      'e2e/playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { '@backstage': backstage },
    rules: {
      '@backstage/no-relative-monorepo-imports': 'error',
      '@backstage/no-undeclared-imports': 'error',
      '@backstage/no-self-package-imports': 'error',
      '@backstage/no-forbidden-package-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // CommonJS: configuration files and the webpack helpers webpack-cli loads without a loader.
    files: ['**/*.cjs', '**/*.js'],
    ignores: ['**/src/**/*.esm.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Browser code: the shell and the remotes.
    files: ['shell/src/**', 'remotes/*/src/**', 'e2e/fixtures/**', 'bench/stock-app/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.tsx', 'shell/src/**/*.ts', 'remotes/*/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/__testUtils__/**', 'e2e/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
  prettier,
  // Prettier wraps code at 120 but not strings or comments; this keeps them readable (after prettier, which disables it).
  { rules: { 'max-len': ['error', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true }] } },
);
