import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBuildCache, hashInputs } from './buildCache';

describe('build cache', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portico-cache-'));
    await mkdir(join(root, 'src'));
    await writeFile(join(root, 'src', 'plugin.tsx'), 'export default 1;');
    await writeFile(join(root, 'package.json'), '{"version":"1.0.0"}');
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('hashes the same inputs the same way, and a changed file differently', async () => {
    const first = await hashInputs(root, ['src', 'package.json']);
    expect(await hashInputs(root, ['src', 'package.json'])).toBe(first);
    await writeFile(join(root, 'src', 'plugin.tsx'), 'export default 2;');
    expect(await hashInputs(root, ['src', 'package.json'])).not.toBe(first);
  });

  it('notices a new file and ignores dist/', async () => {
    const first = await hashInputs(root, ['.']);
    await mkdir(join(root, 'dist'));
    await writeFile(join(root, 'dist', 'remoteEntry.js'), 'built');
    expect(await hashInputs(root, ['.'])).toBe(first);
    await writeFile(join(root, 'src', 'other.ts'), 'new');
    expect(await hashInputs(root, ['.'])).not.toBe(first);
  });

  it('is fresh only when the stamp matches and the output exists', async () => {
    const cache = createBuildCache(join(root, 'cache'));
    const output = join(root, 'dist', 'remoteEntry.js');
    expect(await cache.isFresh('remote', 'h1', output)).toBe(false);
    await cache.record('remote', 'h1');
    expect(await cache.isFresh('remote', 'h1', output)).toBe(false);
    await mkdir(join(root, 'dist'));
    await writeFile(output, 'built');
    expect(await cache.isFresh('remote', 'h1', output)).toBe(true);
    expect(await cache.isFresh('remote', 'h2', output)).toBe(false);
  });
});
