import { messageOf } from '../errors/messageOf';
import type { EntryProbe } from './classifyFailure';
import type { LoadableRemote } from './types';

async function sha384Of(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', bytes));
  let binary = '';
  for (const byte of digest) binary += String.fromCharCode(byte);
  return `sha384-${btoa(binary)}`;
}

/** Fetches the entry once more: the federation runtime reports a 404, a 500 and a bad hash alike. */
export async function probeEntry(
  remote: LoadableRemote,
  options: { timeoutMs: number; fetch: typeof fetch },
): Promise<EntryProbe> {
  try {
    const response = await options.fetch(remote.entry, {
      mode: 'cors',
      cache: 'no-store',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    if (!response.ok) return { kind: 'status', status: response.status, statusText: response.statusText };
    if (remote.integrity?.startsWith('sha384-')) {
      const actual = await sha384Of(await response.arrayBuffer());
      if (actual !== remote.integrity) return { kind: 'integrity-mismatch', expected: remote.integrity, actual };
    }
    return { kind: 'ok', contentType: response.headers.get('Content-Type') ?? undefined };
  } catch (error) {
    return { kind: 'unreachable', message: messageOf(error) };
  }
}
