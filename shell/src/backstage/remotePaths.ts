/** Joins a remote's route and a page path relative to it: (`/payments`, `/`) is `/payments`. */
export function joinRemotePath(route: string, pagePath: string): string {
  const base = route.replace(/\/+$/, '');
  const relative = pagePath.replace(/^\/+/, '').replace(/\/+$/, '');
  return relative ? `${base}/${relative}` : base || '/';
}
