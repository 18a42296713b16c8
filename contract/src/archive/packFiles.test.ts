import { gunzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import { packFiles } from './packFiles';

/** Unpacks an archive into its entries: path, mode, mtime and text. */
async function unpack(archive: Buffer) {
  const entries: Array<{ path: string; mode?: number; mtime?: Date; text: string }> = [];
  const reader = extract();
  Readable.from(gunzipSync(archive)).pipe(reader);
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    const { name, mode, mtime } = entry.header;
    entries.push({ path: name, mode, mtime, text: Buffer.concat(chunks).toString('utf8') });
  }
  return entries;
}

it('packs files into a gzipped tar with their paths and contents', async () => {
  const archive = await packFiles([
    { path: 'remoteEntry.js', content: 'var team_payments = {};' },
    { path: 'static/js/plugin.js', content: Buffer.from('console.log(1);') },
  ]);
  expect(archive.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  expect(await unpack(archive)).toEqual([
    { path: 'remoteEntry.js', mode: 0o644, mtime: new Date(0), text: 'var team_payments = {};' },
    { path: 'static/js/plugin.js', mode: 0o644, mtime: new Date(0), text: 'console.log(1);' },
  ]);
});

it('gives identical archives for identical files, and different ones when a file changes', async () => {
  const files = [{ path: 'remoteEntry.js', content: 'v1' }];
  const first = await packFiles(files);
  expect(await packFiles(files)).toEqual(first);
  expect(await packFiles([{ path: 'remoteEntry.js', content: 'v2' }])).not.toEqual(first);
});
