import { createFrontendPlugin, PageBlueprint } from '@backstage/frontend-plugin-api';

/**
 * The payments page. Its path is relative to the remote's mount point: the shell mounts this
 * remote at the route the registry gives it (`/payments`), so `/` here is `/payments` in the
 * browser and the page's own sub-route `docs/:name` is `/payments/docs/:name`.
 */
export const paymentsPage = PageBlueprint.make({
  params: {
    path: '/',
    title: 'Payments',
    loader: () => import('./components/PaymentsPage').then(m => <m.PaymentsPage />),
  },
});

/** The payments team's page, exposed to the Portico shell as `./plugin`. */
export const paymentsPlugin = createFrontendPlugin({
  pluginId: 'payments',
  title: 'Payments',
  extensions: [paymentsPage],
});

export default paymentsPlugin;
