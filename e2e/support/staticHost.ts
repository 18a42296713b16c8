import { readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

/**
 * A team's own static host for an externally hosted remote: serves a folder with the CORS
 * header browsers need for `<script crossorigin>`, and answers 404 for any path in `missing`.
 */
export async function startStaticHost(dir: string) {
  const missing = new Set<string>();
  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    if (missing.has(path)) {
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end('not found');
      return;
    }
    try {
      const body = await readFile(join(dir, path));
      const type = path.endsWith('.js') ? 'text/javascript' : path.endsWith('.json') ? 'application/json' : 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' }).end(body);
    } catch {
      res.writeHead(404, { 'Access-Control-Allow-Origin': '*' }).end('not found');
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    missing,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
