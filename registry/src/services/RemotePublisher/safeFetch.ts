import { InputError } from '@backstage/errors';
import { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';
import { UnprocessableError } from '../../errors';
import { ExternalRemotesConfig } from './externalRemotesConfig';

/** Resolves a host name to all its addresses, as `dns.promises.lookup(host, { all: true })` does. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

const resolveWithDns: ResolveHost = hostname => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Addresses a remote host may not resolve to: the backend would otherwise reach its own
 * loopback, the cloud metadata service (169.254.169.254) or hosts on its private network.
 * IPv4-mapped IPv6 addresses (`::ffff:127.0.0.1`) match the IPv4 rules (Node's BlockList does
 * that); NAT64, 6to4 and Teredo prefixes embed IPv4 addresses and are refused whole.
 */
const NON_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // unspecified, "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64
  ['64:ff9b:1::', 48],
  ['100::', 64], // discard
  ['2001::', 23], // IETF protocol assignments, Teredo
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local
  ['ff00::', 8], // multicast
] as const) {
  NON_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is loopback, private, link-local, unique-local, CGNAT, multicast, unspecified or reserved. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return NON_PUBLIC.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** A fetch that failed for a reason safe to show: never the body, never the resolved address. */
class FetchFailure extends Error {
  constructor(
    readonly reason: string,
    /** A refusal by the registry's policy (422) rather than a failure of the host (400). */
    readonly refused = false,
  ) {
    super(reason);
  }
}

/** One registration's fetching: the policy, a resolver tests may replace and a deadline for all requests. */
export interface FetchSession {
  config: ExternalRemotesConfig;
  resolveHost?: ResolveHost;
  /** Epoch milliseconds after which no request starts or continues. */
  deadline: number;
}

function parseTarget(target: string, field: string, config: ExternalRemotesConfig): URL {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    throw new InputError(`${field}: ${JSON.stringify(target)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`${field}: ${url.protocol} URLs are not fetched; give an https URL`);
  }
  if (url.username || url.password) {
    throw new InputError(`${field}: URLs with credentials are not fetched`);
  }
  if (!config.allowedOrigins.includes(url.origin)) {
    throw new UnprocessableError(
      `${field}: ${url.origin} is not an allowed remote origin; an operator admits it in ` +
        'registry.externalRemotes.allowedOrigins',
    );
  }
  url.hash = '';
  return url;
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new FetchFailure('timed out'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function resolveChecked(url: URL, session: FetchSession, signal: AbortSignal): Promise<LookupAddress> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const literal = isIP(hostname);
  let addresses: LookupAddress[];
  try {
    // An address in the URL is the address connected to: it is checked as it is.
    addresses = literal
      ? [{ address: hostname, family: literal }]
      : await untilAborted((session.resolveHost ?? resolveWithDns)(hostname), signal);
  } catch (error) {
    throw error instanceof FetchFailure ? error : new FetchFailure('host not found');
  }
  if (addresses.length === 0) throw new FetchFailure('host not found');
  if (!session.config.allowPrivateAddresses && addresses.some(({ address }) => isNonPublicAddress(address))) {
    throw new FetchFailure('refused: private address', true);
  }
  return addresses[0];
}

/** GETs `url` from `address` (already checked), reading at most `maxBytes`; redirects are refused. */
function download(url: URL, address: LookupAddress, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  // The connection goes to the address that was checked: no second lookup a DNS rebinding could answer.
  const lookup = ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  }) as unknown as RequestOptions['lookup'];
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<Buffer>((resolve, reject) => {
    const request = send(
      url,
      { method: 'GET', lookup, signal, agent: false, headers: { accept: '*/*', 'accept-encoding': 'identity' } },
      response => {
        const status = response.statusCode ?? 0;
        const fail = (failure: Error) => {
          reject(failure);
          request.destroy();
        };
        if (status >= 300 && status < 400) return fail(new FetchFailure(`refused: redirect, status ${status}`, true));
        if (status < 200 || status >= 300) return fail(new FetchFailure(`status ${status}`));
        if (Number(response.headers['content-length']) > maxBytes) return fail(new FetchFailure('too large', true));
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) fail(new FetchFailure('too large', true));
          else chunks.push(chunk);
        });
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('close', () => {
          if (!response.complete) reject(new Error('closed early'));
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

/**
 * Fetches one file of a remote hosted elsewhere, for `field` (named in every error): only from
 * an allowed origin, only from a public address unless private ones are allowed, connecting to
 * the address that was checked, without following redirects, within the size and time limits.
 * Errors name the URL and a short reason, never what the host answered.
 */
export async function safeFetch(target: string, field: string, session: FetchSession): Promise<Buffer> {
  const { config } = session;
  const url = parseTarget(target, field, config);
  const shown = url.toString();
  const timeoutMs = Math.min(config.timeoutMs, session.deadline - Date.now());
  const signal = AbortSignal.timeout(Math.max(timeoutMs, 1));
  try {
    if (timeoutMs <= 0) throw new FetchFailure('timed out');
    const address = await resolveChecked(url, session, signal);
    return await download(url, address, config.maxFileBytes, signal);
  } catch (error) {
    let failure = error instanceof FetchFailure ? error : new FetchFailure('connection failed');
    if (signal.aborted && !failure.refused) failure = new FetchFailure('timed out');
    const message = `${field}: could not fetch ${shown} (${failure.reason})`;
    throw failure.refused ? new UnprocessableError(message) : new InputError(message);
  }
}
