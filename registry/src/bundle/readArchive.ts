import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';
import { PayloadTooLargeError, UnprocessableError } from '../errors';
import { ALLOWED_FILE_TYPES, contentTypeOf } from './allowedFileTypes';

/** Limits applied while unpacking an upload; each is named in the 413 its breach answers. */
export interface ArchiveLimits {
  /** Most bytes of the gzipped upload itself. */
  maxUploadBytes: number;
  /** Most bytes of one file once unpacked. */
  maxFileBytes: number;
  /** Most files in one upload. */
  maxFiles: number;
  /** Most bytes of all files together once unpacked. */
  maxUnpackedBytes: number;
}

/** A file of an upload, written to a temporary file as it streamed, with its SHA-384. */
export interface UnpackedFile {
  /** Bundle-relative POSIX path, as the archive named it (normalised). */
  path: string;
  /** The temporary file holding its bytes. */
  tempPath: string;
  size: number;
  /** Hex SHA-384 of its bytes. */
  digest: string;
}

/**
 * Tar headers, padding and folder entries are not file bytes, but a hostile archive could be
 * nothing else (a gzip of zeros after the end-of-archive blocks is read as more blocks), so the
 * decompressed stream as a whole is capped too, with room for the headers of `maxFiles` files.
 */
function maxTarBytes(limits: ArchiveLimits): number {
  return limits.maxUnpackedBytes + (limits.maxFiles + 64) * 4096 + 1024 * 1024;
}

function unpackedTooLarge(limits: ArchiveLimits) {
  return new PayloadTooLargeError(
    `archive: unpacked size exceeds registry.maxUnpackedBytes (${limits.maxUnpackedBytes} bytes)`,
  );
}

/** A pass-through that fails with `error()` once more than `max` bytes went through it. */
function byteCap(max: number, error: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > max ? error() : null, chunk);
    },
  });
}

/**
 * Normalises an archive entry name to a relative POSIX path, refusing anything that could
 * escape the bundle: absolute paths, `..` segments, backslashes and drive letters.
 */
export function normalizeEntryPath(name: string): string {
  if (name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.startsWith('/')) {
    throw new InputError(`archive: entry "${name}" has an absolute or non-POSIX path`);
  }
  if (name.includes('\0')) {
    throw new InputError(`archive: entry "${name}" has a NUL character in its path`);
  }
  const segments = name.split('/').filter(segment => segment !== '' && segment !== '.');
  if (segments.some(segment => segment === '..')) {
    throw new InputError(`archive: entry "${name}" climbs out of the bundle with ".."`);
  }
  if (segments.length === 0) {
    throw new InputError(`archive: entry "${name}" has an empty path`);
  }
  return segments.join('/');
}

/** Refuses, from its header alone, an entry the bundle may not hold; resolves its bundle path. */
function checkEntry(
  header: { name: string; type: string | null; size?: number },
  state: { files: number; unpacked: number; seen: Set<string> },
  limits: ArchiveLimits,
): string {
  if (header.type !== 'file') {
    throw new InputError(`archive: entry "${header.name}" is a ${header.type}; only files and folders are allowed`);
  }
  const path = normalizeEntryPath(header.name);
  if (state.seen.has(path)) {
    throw new InputError(`archive: entry "${path}" appears twice`);
  }
  if (state.files >= limits.maxFiles) {
    throw new PayloadTooLargeError(`archive: file count exceeds registry.maxFiles (${limits.maxFiles} files)`);
  }
  if (!contentTypeOf(path)) {
    throw new UnprocessableError(
      `archive: file "${path}" is not a type a remote needs; allowed: ${Object.keys(ALLOWED_FILE_TYPES).join(', ')}`,
    );
  }
  const size = header.size ?? 0;
  if (size > limits.maxFileBytes) {
    throw new PayloadTooLargeError(
      `archive: file "${path}" (${size} bytes) exceeds registry.maxFileBytes (${limits.maxFileBytes} bytes)`,
    );
  }
  if (state.unpacked + size > limits.maxUnpackedBytes) {
    throw unpackedTooLarge(limits);
  }
  return path;
}

/** Streams one entry to `tempPath`, hashing and counting it; `onBytes` throws when a cap is passed. */
async function writeEntry(entry: AsyncIterable<unknown>, tempPath: string, onBytes: (bytes: number) => void) {
  const hash = createHash('sha384');
  const handle = await open(tempPath, 'wx');
  let size = 0;
  try {
    for await (const data of entry) {
      const chunk = data as Buffer;
      size += chunk.length;
      onBytes(chunk.length);
      hash.update(chunk);
      await handle.write(chunk);
    }
  } finally {
    await handle.close();
  }
  return { size, digest: hash.digest('hex') };
}

/**
 * Unpacks a gzipped tar archive as it streams in, writing each file to its own temporary file in
 * `directory` (named by number, never by the entry's path). Only regular files and folders are
 * accepted. It stops reading at the first breach: a rule (InputError, 400), a file type a remote
 * does not need (UnprocessableError, 422) or a limit (PayloadTooLargeError, 413, naming it).
 * `input` is never destroyed, so that the caller can still answer on its connection.
 */
export async function readArchive(input: Readable, directory: string, limits: ArchiveLimits): Promise<UnpackedFile[]> {
  const uploadCap = byteCap(
    limits.maxUploadBytes,
    () => new PayloadTooLargeError(`archive: upload exceeds registry.maxUploadBytes (${limits.maxUploadBytes} bytes)`),
  );
  const gunzip = createGunzip();
  const tarCap = byteCap(maxTarBytes(limits), () => unpackedTooLarge(limits));
  const unpack = extract();
  let failure: Error | undefined;

  const stop = (error: Error) => {
    failure ??= error;
    input.unpipe(uploadCap);
    for (const stream of [uploadCap, gunzip, tarCap]) stream.destroy();
    unpack.destroy(failure);
  };
  input.on('error', error => stop(new InputError(`archive: the upload failed while being read (${error.message})`)));
  input.on('aborted', () => stop(new InputError('archive: the upload ended before it was complete')));
  uploadCap.on('error', stop);
  gunzip.on('error', error => stop(new InputError(`archive: not valid gzip data (${error.message})`)));
  tarCap.on('error', stop);
  input
    .pipe(uploadCap)
    .pipe(gunzip)
    .pipe(tarCap)
    .pipe(unpack as unknown as NodeJS.WritableStream);

  const files: UnpackedFile[] = [];
  const state = { files: 0, unpacked: 0, seen: new Set<string>() };
  try {
    for await (const entry of unpack) {
      if (entry.header.type === 'directory') {
        entry.resume();
        continue;
      }
      const path = checkEntry(entry.header, state, limits);
      state.seen.add(path);
      state.files += 1;
      const tempPath = join(directory, String(files.length));
      let fileBytes = 0;
      const written = await writeEntry(entry, tempPath, bytes => {
        fileBytes += bytes;
        state.unpacked += bytes;
        // The header's size is what tar reads, so these hold already; kept as the last line of defence.
        if (fileBytes > limits.maxFileBytes || state.unpacked > limits.maxUnpackedBytes) throw unpackedTooLarge(limits);
      });
      files.push({ path, tempPath, ...written });
    }
  } catch (error) {
    const known = error instanceof InputError || error instanceof PayloadTooLargeError;
    const refusal = known || error instanceof UnprocessableError;
    // A failing disk (a system call's error) is the registry's fault, not the upload's: a 500.
    const systemError = !refusal && typeof (error as NodeJS.ErrnoException).syscall === 'string';
    stop(
      refusal || systemError
        ? (error as Error)
        : new InputError(`archive: not a valid gzipped tar archive (${(error as Error).message})`),
    );
    throw failure;
  }
  if (failure) throw failure;
  return files;
}
