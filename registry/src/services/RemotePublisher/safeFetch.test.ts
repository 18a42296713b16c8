import { createHash } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { ExternalRemotesConfig, readExternalRemotesConfig } from './externalRemotesConfig';
import { embeddedIntegrities, listedFileUrls, pinExternalFiles } from './pinExternalFiles';
import { FetchSession, isNonPublicAddress, ResolveHost, safeFetch } from './safeFetch';
import { ConfigReader } from '@backstage/config';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('safeFetch', () => {
  let server: Server;
  let port: number;
  let handler: Handler;
  const hits: string[] = [];

  beforeEach(async () => {
    hits.length = 0;
    handler = (_req, res) => res.end('ok');
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      handler(req, res);
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  const config = (overrides: Partial<ExternalRemotesConfig> = {}): ExternalRemotesConfig => ({
    allowedOrigins: [`http://127.0.0.1:${port}`, `http://remote.example.test:${port}`],
    allowPrivateAddresses: true,
    maxFileBytes: 1024,
    maxFiles: 10,
    timeoutMs: 2000,
    totalTimeoutMs: 5000,
    ...overrides,
  });
  const session = (overrides: Partial<ExternalRemotesConfig> = {}, resolveHost?: ResolveHost): FetchSession => ({
    config: config(overrides),
    resolveHost,
    deadline: Date.now() + 5000,
  });

  it('fetches a file from an allowed origin', async () => {
    await expect(safeFetch(`http://127.0.0.1:${port}/a.js`, 'manifestUrl', session())).resolves.toEqual(
      Buffer.from('ok'),
    );
  });

  it('refuses an origin that is not allowed, with 422, before any request', async () => {
    const attempt = safeFetch(`http://localhost:${port}/a.js`, 'manifestUrl', session());
    await expect(attempt).rejects.toMatchObject({
      statusCode: 422,
      message: expect.stringMatching(/^manifestUrl: http:\/\/localhost:\d+ is not an allowed remote origin/),
    });
    expect(hits).toEqual([]);
  });

  it('refuses a redirect, even to an address it could reach, and does not follow it', async () => {
    handler = (req, res) => {
      if (req.url === '/secret') res.end('internal');
      else res.writeHead(302, { location: `http://127.0.0.1:${port}/secret` }).end();
    };
    await expect(
      safeFetch(`http://127.0.0.1:${port}/mf-manifest.json`, 'manifestUrl', session()),
    ).rejects.toMatchObject({
      statusCode: 422,
      message: `manifestUrl: could not fetch http://127.0.0.1:${port}/mf-manifest.json (refused: redirect, status 302)`,
    });
    expect(hits).toEqual(['/mf-manifest.json']);
  });

  it('refuses a host name that resolves to the metadata service, without connecting', async () => {
    const resolveHost = jest.fn(async () => [{ address: '169.254.169.254', family: 4 }]);
    const attempt = safeFetch(
      `http://remote.example.test:${port}/mf-manifest.json`,
      'manifestUrl',
      session({ allowPrivateAddresses: false }, resolveHost),
    );
    await expect(attempt).rejects.toMatchObject({
      statusCode: 422,
      message: `manifestUrl: could not fetch http://remote.example.test:${port}/mf-manifest.json (refused: private address)`,
    });
    expect(resolveHost).toHaveBeenCalledWith('remote.example.test');
    expect(hits).toEqual([]);
  });

  it('refuses a host with one private address among public ones', async () => {
    const resolveHost = async () => [
      { address: '93.184.216.34', family: 4 },
      { address: '::ffff:10.0.0.7', family: 6 },
    ];
    await expect(
      safeFetch(
        `http://remote.example.test:${port}/x`,
        'manifestUrl',
        session({ allowPrivateAddresses: false }, resolveHost),
      ),
    ).rejects.toMatchObject({ statusCode: 422, message: expect.stringContaining('(refused: private address)') });
  });

  it('checks an address written in the URL as it is, IPv4-mapped IPv6 included, without resolving it', async () => {
    const resolveHost = jest.fn(async () => [{ address: '93.184.216.34', family: 4 }]);
    const origin = `http://[::ffff:7f00:1]:${port}`;
    await expect(
      safeFetch(`${origin}/x`, 'manifestUrl', {
        config: config({ allowedOrigins: [origin], allowPrivateAddresses: false }),
        resolveHost,
        deadline: Date.now() + 5000,
      }),
    ).rejects.toMatchObject({ statusCode: 422, message: expect.stringContaining('(refused: private address)') });
    expect(resolveHost).not.toHaveBeenCalled();
    expect(hits).toEqual([]);
  });

  it('connects to the address it checked, resolving the host once (no DNS rebinding)', async () => {
    const answers = ['127.0.0.1', '10.9.9.9'];
    const resolveHost = jest.fn(async () => [{ address: answers.shift()!, family: 4 }]);
    const bytes = await safeFetch(`http://remote.example.test:${port}/a.js`, 'manifestUrl', session({}, resolveHost));
    expect(bytes.toString()).toBe('ok');
    expect(resolveHost).toHaveBeenCalledTimes(1);
    expect(hits).toEqual(['/a.js']);
  });

  it('stops reading a body over the size limit, declared or not', async () => {
    handler = (req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-length': 4096 }).end('x'.repeat(4096));
      else {
        res.write('x'.repeat(1000));
        res.write('x'.repeat(1000));
        res.end();
      }
    };
    for (const path of ['/declared', '/chunked']) {
      await expect(safeFetch(`http://127.0.0.1:${port}${path}`, 'manifestUrl', session())).rejects.toMatchObject({
        statusCode: 422,
        message: `manifestUrl: could not fetch http://127.0.0.1:${port}${path} (too large)`,
      });
    }
  });

  it('gives up on a host that does not answer in time', async () => {
    handler = () => undefined;
    await expect(
      safeFetch(`http://127.0.0.1:${port}/slow`, 'manifestUrl', session({ timeoutMs: 200 })),
    ).rejects.toMatchObject({
      name: 'InputError',
      message: `manifestUrl: could not fetch http://127.0.0.1:${port}/slow (timed out)`,
    });
  });

  it('names the status and the URL, never the body', async () => {
    handler = (_req, res) => res.writeHead(500).end('stack trace with secrets');
    const error = await safeFetch(`http://127.0.0.1:${port}/a.js`, 'manifestUrl', session()).catch(e => e);
    expect(error).toMatchObject({
      name: 'InputError',
      message: `manifestUrl: could not fetch http://127.0.0.1:${port}/a.js (status 500)`,
    });
    expect(error.message).not.toContain('secrets');
  });

  it('refuses URLs that are not http(s) or carry credentials', async () => {
    await expect(safeFetch('file:///etc/passwd', 'manifestUrl', session())).rejects.toMatchObject({
      name: 'InputError',
    });
    await expect(safeFetch(`http://u:p@127.0.0.1:${port}/`, 'manifestUrl', session())).rejects.toMatchObject({
      name: 'InputError',
    });
  });
});

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '64:ff9b::a9fe:a9fe',
    'not an address',
  ])('refuses %s', address => expect(isNonPublicAddress(address)).toBe(true));

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows %s', address =>
    expect(isNonPublicAddress(address)).toBe(false),
  );
});

describe('readExternalRemotesConfig', () => {
  it('allows no origin and no private address by default', () => {
    expect(readExternalRemotesConfig(undefined)).toMatchObject({ allowedOrigins: [], allowPrivateAddresses: false });
  });

  it('normalises origins and refuses anything that is not one, naming the key', () => {
    const read = (allowedOrigins: string[]) =>
      readExternalRemotesConfig(new ConfigReader({ externalRemotes: { allowedOrigins } }));
    expect(read(['https://CDN.example.com:443/']).allowedOrigins).toEqual(['https://cdn.example.com']);
    expect(() => read(['https://cdn.example.com/remotes'])).toThrow('registry.externalRemotes.allowedOrigins');
    expect(() => read(['ftp://cdn.example.com'])).toThrow('registry.externalRemotes.allowedOrigins');
  });
});

describe('pinning the files an external remote lists', () => {
  const sri = (content: string) => `sha384-${createHash('sha384').update(content).digest('base64')}`;
  const manifest = {
    metaData: { publicPath: 'auto' },
    exposes: [{ path: './plugin', assets: { js: { sync: ['a.js'], async: ['b.js'] }, css: { sync: ['c.css'] } } }],
    shared: [{ assets: { js: { sync: ['a.js', 'shared/d.js'] } } }],
  };

  it('lists the JS and CSS of exposes and shared fallbacks once each, beside the entry', () => {
    expect(
      listedFileUrls(
        manifest,
        'https://cdn.example.com/x/mf-manifest.json',
        'https://cdn.example.com/x/remoteEntry.js',
      ),
    ).toEqual([
      'https://cdn.example.com/x/a.js',
      'https://cdn.example.com/x/b.js',
      'https://cdn.example.com/x/c.css',
      'https://cdn.example.com/x/shared/d.js',
    ]);
  });

  it('reads the SRI maps of a minified and of a development runtime', () => {
    const minified = Buffer.from(`o.sriHashes={41:"${sri('a')}",194:null},o.x()`);
    const development = Buffer.from(`__webpack_require__.sriHashes = {\n  "41": "${sri('b')}"\n};`);
    expect(embeddedIntegrities(minified)).toEqual(new Set([sri('a')]));
    expect(embeddedIntegrities(development)).toEqual(new Set([sri('b')]));
    expect(embeddedIntegrities(Buffer.from(`// ${sri('a')}`))).toBeUndefined();
  });

  it('refuses a manifest listing more files than allowed, before fetching any', async () => {
    const fetchFile = jest.fn(async () => Buffer.from(''));
    await expect(
      pinExternalFiles({
        manifestJson: manifest,
        manifestUrl: 'https://cdn.example.com/x/mf-manifest.json',
        entryUrl: 'https://cdn.example.com/x/remoteEntry.js',
        entryBytes: Buffer.from('o.sriHashes={}'),
        maxFiles: 3,
        fetchFile,
      }),
    ).rejects.toMatchObject({
      statusCode: 422,
      message: expect.stringContaining('registry.externalRemotes.maxFiles (3)'),
    });
    expect(fetchFile).not.toHaveBeenCalled();
  });
});
