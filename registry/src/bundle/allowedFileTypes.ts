/**
 * The only file types a remote needs, by extension, with the content type each is stored and
 * served with. Anything else (HTML, SVG, XML, unknown extensions) could run as a page on the
 * origin that serves assets, so publish refuses it and serving never answers it.
 */
export const ALLOWED_FILE_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.js': 'application/javascript',
  '.mjs': 'application/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.map': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
});

/** The extension a source map has; publish accepts it only from remotes that ask for source maps. */
export const SOURCE_MAP_EXTENSION = '.map';

/** The lower-cased extension of a bundle path (`.js`), or `''` when its last segment has none. */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot).toLowerCase();
}

/** The content type of a bundle path, or undefined when its type is not one a remote may have. */
export function contentTypeOf(path: string): string | undefined {
  const extension = extensionOf(path);
  return Object.prototype.hasOwnProperty.call(ALLOWED_FILE_TYPES, extension)
    ? ALLOWED_FILE_TYPES[extension]
    : undefined;
}
