// `@backstage/eslint-plugin` ships no type declarations; eslint.config.mjs uses it as a plugin.
declare module '@backstage/eslint-plugin' {
  const plugin: import('eslint').ESLint.Plugin;
  export default plugin;
}
