import { readFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join, normalize } from 'node:path';

/** How the host answers one path, instead of serving its file. */
export type HostBehaviour =
  /** Answer this status (with a short text body). */
  | { status: number }
  /** Answer this status for the first `times` requests, then serve the file. */
  | { status: number; times: number }
  /** Accept the request and never answer. */
  | { hang: true }
  /** Serve these bytes instead of the file. */
  | { body: string | Buffer; contentType: string }
  /** Serve the file with these bytes appended (its hash no longer matches). */
  | { append: string };

const CORS = { 'Access-Control-Allow-Origin': '*' };

function contentTypeOf(path: string): string {
  if (path.endsWith('.js')) return 'text/javascript';
  if (path.endsWith('.json')) return 'application/json';
  return 'application/octet-stream';
}

/**
 * A team's own static host for externally hosted remotes: serves folders under path prefixes
 * (`mount('/hosted', dir)`) with the CORS header browsers need for `<script crossorigin>`, counts
 * requests per path, and misbehaves on chosen paths (`behave(path, ...)`): an error status, a
 * transient error, no answer at all, other bytes.
 */
export async function startStaticHost(options: { port?: number } = {}) {
  const mounts = new Map<string, string>();
  const behaviours = new Map<string, HostBehaviour>();
  const requests = new Map<string, number>();
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const server: Server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^(\.\.[/\\])+/,
      '',
    );
    const count = (requests.get(path) ?? 0) + 1;
    requests.set(path, count);
    const behaviour = behaviours.get(path);
    if (behaviour && 'hang' in behaviour) {
      hanging.add(res);
      return;
    }
    if (behaviour && 'status' in behaviour && (!('times' in behaviour) || count <= behaviour.times)) {
      res
        .writeHead(behaviour.status, { ...CORS, 'Content-Type': 'text/plain' })
        .end(`answered ${behaviour.status} on purpose`);
      return;
    }
    if (behaviour && 'body' in behaviour) {
      res.writeHead(200, { ...CORS, 'Content-Type': behaviour.contentType }).end(behaviour.body);
      return;
    }
    const mount = [...mounts.keys()].find(prefix => path.startsWith(`${prefix}/`));
    try {
      if (!mount) throw new Error('not mounted');
      let body = await readFile(join(mounts.get(mount)!, path.slice(mount.length)));
      if (behaviour && 'append' in behaviour) body = Buffer.concat([body, Buffer.from(behaviour.append)]);
      res.writeHead(200, { ...CORS, 'Content-Type': contentTypeOf(path), 'Cache-Control': 'no-store' }).end(body);
    } catch {
      res.writeHead(404, { ...CORS, 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  server.on('connection', socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    /** Serves `dir` under `prefix` (such as `/hosted`). */
    mount(prefix: string, dir: string) {
      mounts.set(prefix, dir);
    },
    /** Misbehaves on `path` from now on. */
    behave(path: string, behaviour: HostBehaviour) {
      behaviours.set(path, behaviour);
      requests.delete(path);
    },
    /** Serves `path` normally again (and forgets its request count). */
    heal(path: string) {
      behaviours.delete(path);
      requests.delete(path);
      for (const res of hanging) res.destroy();
      hanging.clear();
    },
    /** How many requests `path` received since it last changed behaviour. */
    requestsTo(path: string): number {
      return requests.get(path) ?? 0;
    },
    close: () =>
      new Promise<void>(resolve => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type StaticHost = Awaited<ReturnType<typeof startStaticHost>>;
