import { createUploadBody } from './uploadBody';

it('hands the bytes out in 64 KB chunks, reporting the bytes sent after each', async () => {
  const bytes = new Uint8Array(150 * 1024).map((_, index) => index % 251);
  const progress: Array<[number, number]> = [];
  const received: Uint8Array[] = [];
  const reader = createUploadBody(bytes, (sent, total) => progress.push([sent, total])).getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    received.push(read.value);
  }
  expect(received.map(chunk => chunk.length)).toEqual([65536, 65536, 22528]);
  expect(Buffer.concat(received).equals(Buffer.from(bytes))).toBe(true);
  expect(progress).toEqual([
    [65536, bytes.length],
    [131072, bytes.length],
    [bytes.length, bytes.length],
  ]);
});
