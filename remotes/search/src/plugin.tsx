import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';
import { rootRouteRef } from './routes';

/** The page. Its path is relative to the remote's route (`/search`); it loads lazily. */
export const searchPage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Search',
    routeRef: rootRouteRef,
    loader: () => import('./components/SearchPage').then(m => <m.SearchPage />),
  },
});

/** Search, exposed to the Portico shell as `./plugin`. */
export default createFrontendPlugin({
  pluginId: 'search',
  title: 'Search',
  routes: { root: rootRouteRef },
  extensions: [searchPage],
});
