import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The remote's root page, at the route the shell mounts it at. */
export const rootRouteRef = createRouteRef();
