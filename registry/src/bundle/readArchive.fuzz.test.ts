import { TestDatabaseId } from '@backstage/backend-test-utils';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGzip, gzipSync } from 'node:zlib';
import request from 'supertest';
import { createTestDatabases } from '../__testUtils__/databases';
import { remoteFixture } from '../__testUtils__/remoteFixture';
import { ADMIN_SERVICE_SUBJECT, serviceHeader, startRegistry } from '../__testUtils__/startRegistry';
import { PayloadTooLargeError, UnprocessableError, UnsupportedMediaTypeError } from '../errors';
import { contentTypeOf } from './allowedFileTypes';
import { ArchiveLimits, readArchive } from './readArchive';
import { validateBundle } from './validateBundle';

/**
 * A full garbage collection, so that heap checks measure what is retained rather than when the
 * collector last ran (V8 hands `gc` to a new context once the flag is set).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Retained heap, after a full collection. */
function retainedHeap(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Small caps, so that every generated archive is cheap and many of them pass one. */
const LIMITS: ArchiveLimits = {
  maxUploadBytes: 64 * 1024,
  maxFileBytes: 16 * 1024,
  maxFiles: 16,
  maxUnpackedBytes: 48 * 1024,
};
const NAME = 'team_fuzz';
const OWNER = 'group:default/payments-team';

// ---- a tar writer that can lie: any type flag, any declared size, any name ----

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function tarHeader(name: string, type: string, size: number, linkname = ''): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100, 'utf8');
  header.write(octal(0o644, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(Math.min(size, 8 ** 11 - 1), 12), 124);
  header.write(octal(0, 12), 136);
  header.write(' '.repeat(8), 148);
  header.write(type, 156, 1, 'latin1');
  header.write(linkname, 157, 100, 'utf8');
  header.write('ustar\u000000', 257, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'latin1');
  return header;
}

interface TarEntry {
  name: string;
  type: string;
  content: Uint8Array;
  /** The size the header claims, when it is not the content's. */
  declared?: number;
  linkname?: string;
}

function padding(length: number): Buffer {
  return Buffer.alloc((512 - (length % 512)) % 512);
}

function tarOf(entries: TarEntry[], trailingZeros = 1024): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content);
    parts.push(tarHeader(entry.name, entry.type, entry.declared ?? content.length, entry.linkname), content);
    parts.push(padding(content.length));
  }
  parts.push(Buffer.alloc(trailingZeros));
  return Buffer.concat(parts);
}

const gzip = (bytes: Buffer) => gzipSync(bytes, { level: 1 });
const text = (value: string) => Buffer.from(value, 'utf8');

/** The files of a valid remote named NAME, as tar entries. */
function bundleEntries(options: { sourceMaps?: boolean } = {}): TarEntry[] {
  return remoteFixture({ name: NAME, owner: OWNER, ...options }).map(file => ({
    name: file.path,
    type: '0',
    content: Buffer.from(file.content),
  }));
}

// ---- generators ----

const EXTENSIONS = ['.js', '.mjs', '.css', '.json', '.map', '.woff2', '.png', '.html', '.svg', '.xml', '.txt', ''];
const segment = fc.stringMatching(/^[a-z0-9_-]{1,10}$/);
const safePath = fc
  .tuple(fc.array(segment, { minLength: 1, maxLength: 24 }), fc.constantFrom(...EXTENSIONS))
  .map(([segments, extension]) => segments.join('/') + extension);
const hostileName = fc.constantFrom(
  '../evil.js',
  'static/../../evil.js',
  '/etc/passwd.js',
  'C:\\evil.js',
  'static\\evil.js',
  '',
  '.',
  './',
  '//x.js',
  'a/./b/../../../c.js',
  'x\u0000y.js',
  'portico-remote.json',
  'mf-manifest.json',
  'remoteEntry.js',
);
const entryName = fc.oneof(
  { weight: 4, arbitrary: safePath },
  { weight: 2, arbitrary: hostileName },
  { weight: 1, arbitrary: fc.string({ maxLength: 120 }) },
);
const content = fc.oneof(
  fc.uint8Array({ maxLength: 700 }),
  fc.integer({ min: 0, max: 80_000 }).map(size => new Uint8Array(size)),
);
const tarEntry: fc.Arbitrary<TarEntry> = fc.record(
  {
    name: entryName,
    // Files, folders, links, devices, FIFOs, contiguous files, pax and GNU long-name headers, nonsense.
    type: fc.constantFrom('0', '0', '0', '5', '1', '2', '3', '4', '6', '7', 'x', 'L', 'Z', '\0'),
    content,
    declared: fc.oneof(
      fc.integer({ min: 0, max: 4096 }),
      fc.integer({ min: 0, max: 2 ** 33 }),
      fc.constant(8 ** 11 - 1),
    ),
    linkname: fc.constantFrom('', '/etc/passwd', '../../outside'),
  },
  { requiredKeys: ['name', 'type', 'content'] },
);

/** What is done to a valid bundle before it is sent. */
const mutation = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('drop' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), entries: fc.array(tarEntry, { maxLength: 4 }) }),
  fc.record({ kind: fc.constant('json' as const), target: fc.constantFrom(0, 1), value: fc.json() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('zeros' as const), bytes: fc.integer({ min: 0, max: 400_000 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), index: fc.nat() }),
  fc.record({ kind: fc.constant('sourceMaps' as const), asked: fc.boolean() }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutatedBundle(change: Mutation): Buffer {
  let entries = bundleEntries(change.kind === 'sourceMaps' ? { sourceMaps: change.asked } : {});
  let trailing = 1024;
  switch (change.kind) {
    case 'drop':
      entries.splice(change.index % entries.length, 1);
      break;
    case 'add':
      entries = [...entries, ...change.entries];
      break;
    case 'json':
      entries[change.target] = { ...entries[change.target], content: text(change.value) };
      break;
    case 'duplicate':
      entries.push(entries[change.index % entries.length]);
      break;
    case 'sourceMaps':
      entries.push({ name: 'static/js/plugin.abc123.js.map', type: '0', content: text('{"version":3}') });
      break;
    case 'zeros':
      trailing += change.bytes;
      break;
    default:
  }
  const archive = gzip(tarOf(entries, trailing));
  if (change.kind === 'flip') {
    const flipped = Buffer.from(archive);
    flipped[change.at % flipped.length] ^= 1 << change.bit;
    return flipped;
  }
  if (change.kind === 'truncate') return archive.subarray(0, change.at % archive.length);
  return archive;
}

/** Every kind of upload: random bytes, hostile tars, bombs, many files, mutated valid bundles. */
const archive: fc.Arbitrary<Buffer> = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }).map(bytes => Buffer.from(bytes)),
  fc.tuple(fc.array(tarEntry, { maxLength: 6 }), fc.option(fc.nat())).map(([entries, cut]) => {
    const bytes = gzip(tarOf(entries));
    return cut === null ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  }),
  fc.integer({ min: 1, max: 24 }).map(count =>
    gzip(
      tarOf([
        ...bundleEntries(),
        ...Array.from({ length: count }, (_, n) => ({
          name: `static/js/${n}.js`,
          type: '0',
          content: text(`/* ${n} */`),
        })),
      ]),
    ),
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 400_000 }), fc.boolean())
    .map(([size, honest]) =>
      gzip(
        tarOf([
          ...bundleEntries(),
          { name: 'static/zeros.js', type: '0', content: new Uint8Array(size), declared: honest ? size : 1 },
        ]),
      ),
    ),
  { weight: 3, arbitrary: mutation.map(mutatedBundle) },
);

// ---- the oracle ----

/** The status Backstage's error handler answers an error with; undefined for anything else (a 500). */
function statusOf(error: unknown): number | undefined {
  if (error instanceof InputError) return 400;
  if (error instanceof NotAllowedError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof PayloadTooLargeError || error instanceof UnsupportedMediaTypeError) return error.statusCode;
  if (error instanceof UnprocessableError) return error.statusCode;
  return undefined;
}

async function sha384Of(path: string) {
  return createHash('sha384')
    .update(await readFile(path))
    .digest('hex');
}

describe('the archive reader and the bundle validator under generated archives', () => {
  let root: string;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'portico-fuzz-'));
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await rm(root, { recursive: true, force: true });
  });

  it('stops reading a bomb at the unpacked cap, long before its end, holding none of it', async () => {
    // 256 files of 1 MiB of zeros, each within the file cap, gzipped as they are produced (about
    // 256 KiB on the wire); together far over the unpacked cap.
    const fileBytes = 1024 * 1024;
    const zeros = Buffer.alloc(fileBytes);
    const limits = {
      maxUploadBytes: 64 * fileBytes,
      maxFileBytes: 2 * fileBytes,
      maxFiles: 1000,
      maxUnpackedBytes: 8 * fileBytes,
    };
    let produced = 0;
    const body = Readable.from(
      (async function* () {
        for (let index = 0; index < 256; index++) {
          yield tarHeader(`static/bomb-${index}.js`, '0', fileBytes);
          produced += fileBytes;
          yield zeros;
        }
      })(),
    ).pipe(createGzip({ level: 1 }));
    const directory = join(root, 'bomb');
    await mkdir(directory);
    const before = process.memoryUsage();
    const error = await readArchive(body, directory, limits).then(
      () => undefined,
      (reason: unknown) => reason,
    );
    const after = process.memoryUsage();
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toMatch(/registry\.maxUnpackedBytes/);
    // Reading stopped at the cap: most of the bomb was never even produced.
    expect(produced).toBeLessThan(32 * fileBytes);
    // A reader that took in the whole archive would have held 256 MiB.
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(64 * fileBytes);
  });

  it('refuses with a 4xx and a message, or accepts a valid bundle within the caps, in bounded memory', async () => {
    let run = 0;
    let accepted = 0;
    const statuses = new Map<number, number>();
    const baseline = retainedHeap();
    // Nothing of an archive outlives its reading: what stays on the heap after a collection must
    // not grow with the number of archives read (fast-check's own record of the run aside).
    const heapBound = 32 * 1024 * 1024;
    let heapPeak = 0;

    await fc.assert(
      fc.asyncProperty(archive, async upload => {
        const directory = join(root, String(run++));
        await mkdir(directory);
        try {
          const files = await readArchive(Readable.from([upload]), directory, LIMITS);
          const bundle = await validateBundle(files, NAME);
          accepted += 1;
          expect(bundle.descriptor.name).toBe(NAME);
          expect(files.length).toBeLessThanOrEqual(LIMITS.maxFiles);
          expect(files.reduce((total, file) => total + file.size, 0)).toBeLessThanOrEqual(LIMITS.maxUnpackedBytes);
          expect(files.some(file => file.path === bundle.entryPath)).toBe(true);
          for (const file of files) {
            expect(file.size).toBeLessThanOrEqual(LIMITS.maxFileBytes);
            expect(file.path.split('/')).not.toContain('..');
            expect(file.path).not.toMatch(/^\/|\\|\0/);
            expect(contentTypeOf(file.path)).toBeDefined();
            if (file.path.endsWith('.map')) expect(bundle.descriptor.sourceMaps).toBe(true);
            expect(await sha384Of(file.tempPath)).toBe(file.digest);
          }
        } catch (error) {
          const status = statusOf(error);
          if (status === undefined || status < 400 || status > 499 || !(error as Error).message) {
            throw new Error(`not a 4xx refusal with a message: ${(error as Error)?.stack ?? String(error)}`);
          }
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        } finally {
          await rm(directory, { recursive: true, force: true });
        }
        if (run % 250 === 0) {
          const heap = retainedHeap() - baseline;
          heapPeak = Math.max(heapPeak, heap);
          expect(heap).toBeLessThan(heapBound);
        }
      }),
      { numRuns: 10_000, seed: Number(process.env.FUZZ_SEED ?? 20261201), endOnFailure: true },
    );

    expect(unhandled).toEqual([]);
    // The generators reach every outcome: acceptances and each kind of refusal.
    expect(accepted).toBeGreaterThan(100);
    expect([...statuses.keys()].sort()).toEqual([400, 413, 422]);
    expect(heapPeak).toBeLessThan(heapBound);
  }, 300_000);
});

const databases = createTestDatabases();

describe.each(databases.eachSupportedId())(
  'publishing generated archives over HTTP on %s',
  (databaseId: TestDatabaseId) => {
    it('answers every one with 201/200, or a 4xx JSON error whose message names the field at fault', async () => {
      const storage = await mkdtemp(join(tmpdir(), 'portico-fuzz-http-'));
      try {
        const server = await startRegistry({
          knex: await databases.init(databaseId),
          storage,
          uploadLimits: LIMITS,
          maxFileBytes: LIMITS.maxFileBytes,
        });
        await fc.assert(
          fc.asyncProperty(archive, async upload => {
            const response = await request(server)
              .post(`/api/registry/remotes/${NAME}/versions`)
              .set('Authorization', serviceHeader(ADMIN_SERVICE_SUBJECT))
              .set('Content-Type', 'application/gzip')
              .set('X-Portico-Owner', OWNER)
              .send(upload);
            if (response.status === 200 || response.status === 201 || response.status === 409) {
              // 409: an earlier case published this version with other files.
              return;
            }
            expect(response.status).toBeGreaterThanOrEqual(400);
            expect(response.status).toBeLessThan(500);
            expect(response.headers['content-type']).toMatch(/^application\/json/);
            expect(response.body.error.message).toMatch(
              /^(archive|portico-remote\.json[\w.]*|mf-manifest\.json[\w.]*|owner): /,
            );
          }),
          { numRuns: 200, seed: 20261201 },
        );
      } finally {
        await rm(storage, { recursive: true, force: true });
      }
    }, 180_000);
  },
);
