import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Where the CLI talks to and with which token. */
export interface ClientOptions {
  backendUrl: string;
  token?: string;
}

/** A failed call: the server's status and its own error message. */
export class RegistryCallError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'RegistryCallError';
  }
}

const UPLOAD_CHUNK_BYTES = 64 * 1024;

/**
 * Calls the registry API. Bodies are written in chunks so that long uploads can report
 * progress; the answer is parsed as JSON and a non-2xx answer becomes a RegistryCallError
 * carrying the server's message.
 */
export async function callRegistry<T>(
  options: ClientOptions,
  method: string,
  path: string,
  body?: { contentType: string; bytes: Buffer },
  onProgress?: (sent: number, total: number) => void,
): Promise<{ status: number; body: T }> {
  const url = new URL(`${options.backendUrl.replace(/\/$/, '')}/api/registry${path}`);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method,
        headers: {
          Accept: 'application/json',
          // A CLI run makes a few calls and exits; an idle keep-alive socket would only hold it open.
          Connection: 'close',
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
          ...(body ? { 'Content-Type': body.contentType, 'Content-Length': body.bytes.length } : {}),
        },
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: any;
          try {
            parsed = text ? JSON.parse(text) : undefined;
          } catch {
            parsed = undefined;
          }
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            const message = parsed?.error?.message ?? (text.slice(0, 200) || res.statusMessage);
            reject(new RegistryCallError(status, `${method} ${url.pathname} answered ${status}: ${message}`));
            return;
          }
          resolve({ status, body: parsed as T });
        });
      },
    );
    req.on('error', error =>
      reject(new Error(`Cannot reach the registry at ${url.origin} (${error.message}); is the backend running?`)),
    );
    if (!body) {
      req.end();
      return;
    }
    let sent = 0;
    const writeNext = () => {
      while (sent < body.bytes.length) {
        const chunk = body.bytes.subarray(sent, sent + UPLOAD_CHUNK_BYTES);
        sent += chunk.length;
        onProgress?.(sent, body.bytes.length);
        if (!req.write(chunk)) {
          req.once('drain', writeNext);
          return;
        }
      }
      req.end();
    };
    writeNext();
  });
}
