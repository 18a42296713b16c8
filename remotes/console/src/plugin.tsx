import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';

/** The console page, at the remote's route (`/registry`); paths are relative to it. */
export const registryConsolePage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Registry',
    loader: () => import('./components/RegistryConsole').then(m => <m.RegistryConsole />),
  },
});

/** Platform engineering's registry console, exposed to the Portico shell as `./plugin`. */
export const registryConsolePlugin = createFrontendPlugin({
  pluginId: 'registry-console',
  title: 'Registry',
  extensions: [registryConsolePage],
});

export default registryConsolePlugin;
