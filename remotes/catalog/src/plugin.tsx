import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';

/**
 * The catalog page. Its path is relative to the remote's mount point: the shell mounts this
 * remote at the route the registry gives it (`/catalog`), so `/` here is `/catalog` in the browser.
 */
export const catalogPage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Catalog',
    loader: () => import('./components/CatalogPage').then(m => <m.CatalogPage />),
  },
});

/** Platform engineering's catalog browser, exposed to the Portico shell as `./plugin`. */
export const catalogPlugin = createFrontendPlugin({
  pluginId: 'catalog',
  title: 'Catalog',
  extensions: [catalogPage],
});

export default catalogPlugin;
