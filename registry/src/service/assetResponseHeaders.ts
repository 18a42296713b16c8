/**
 * Headers of every served remote file, whatever its type.
 *
 * A file's own Content-Security-Policy governs it only when it is opened as a document (or run
 * as a worker); a script the shell loads with `<script>`, or a stylesheet with `<link>`, runs
 * under the shell page's policy, so this one can forbid everything: a file someone opens
 * directly on the backend's origin gets no scripts, no plugins, no same-origin access (sandbox)
 * and may not be framed. Remotes do not start workers from their own files; one that did would
 * need its own policy here.
 */
export const ASSET_RESPONSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Security-Policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
  // The type comes from the allowlist; the browser must not guess another (an HTML page).
  'X-Content-Type-Options': 'nosniff',
  // Signed URLs are credentials: a stylesheet's requests (fonts, images) must not carry its URL
  // to anyone as a Referer.
  'Referrer-Policy': 'no-referrer',
  // Immutable (name, version and path never change their bytes), but served per user under a
  // signed prefix or to credentials: never from a shared cache.
  'Cache-Control': 'private, max-age=31536000, immutable',
  // Browsers load them with <script crossorigin>, from the shell's origin.
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'Access-Control-Allow-Origin': '*',
});
