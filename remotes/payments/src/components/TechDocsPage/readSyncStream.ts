/**
 * Reading the TechDocs sync endpoint (`GET /api/techdocs/sync/:namespace/:kind/:name`), an
 * event stream of `log` events that ends with `finish` or `error` once the site is built.
 */
import { ResponseError } from '@backstage/errors';

/** One server-sent event of the TechDocs sync stream. */
interface SyncEvent {
  type: string;
  data: unknown;
}

function parseEventBlock(block: string): SyncEvent | undefined {
  let type = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) type = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trim());
  }
  if (data.length === 0) return undefined;
  const raw = data.join('\n');
  try {
    return { type, data: JSON.parse(raw) };
  } catch {
    return { type, data: raw };
  }
}

/**
 * Reads the TechDocs sync event stream to its end. The backend builds the site if it is
 * missing or stale and closes the stream with a `finish` (or `error`) event.
 */
export async function readSyncStream(response: Response, onLog: (line: string) => void): Promise<void> {
  if (!response.ok) throw await ResponseError.fromResponse(response);
  const handle = (event: SyncEvent | undefined) => {
    if (!event) return;
    if (event.type === 'error') {
      throw new Error(`TechDocs could not build the documentation: ${String(event.data)}`);
    }
    if (event.type === 'log') onLog(String(event.data));
  };
  if (!response.body) {
    (await response.text()).split('\n\n').forEach(block => handle(parseEventBlock(block)));
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value.replace(/\r\n/g, '\n');
    let boundary = buffer.indexOf('\n\n');
    while (boundary !== -1) {
      handle(parseEventBlock(buffer.slice(0, boundary)));
      buffer = buffer.slice(boundary + 2);
      boundary = buffer.indexOf('\n\n');
    }
  }
  handle(parseEventBlock(buffer));
}
