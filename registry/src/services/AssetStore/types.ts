import { Readable } from 'node:stream';

/** What a blob is written from: its bytes, or a file holding them (an upload's temporary file). */
export type BlobContent = Buffer | { path: string; size: number };

/** A stored blob as a listing sees it. */
export interface StoredBlob {
  digest: string;
  size: number;
  /** When the blob was last written or confirmed by a publish: the sweep's measure of its age. */
  modifiedAt: Date;
}

/**
 * Immutable, content-addressed file storage: a blob's name is the SHA-384 of its bytes. Blobs are
 * never removed while a request runs; only the scheduled sweep removes those no version uses.
 */
export interface AssetStore {
  /**
   * Stores the bytes under their digest, or confirms a stored copy (restoring it when it is missing
   * or has the wrong size) and marks it as just used, so that a sweep does not take it for an old,
   * forgotten blob. Resolves true when this call wrote the blob.
   */
  put(digest: string, content: BlobContent): Promise<boolean>;
  /** Opens a stored blob for reading. */
  open(digest: string): Readable;
  /** Every stored blob, one at a time, without loading the whole listing into memory. */
  list(): AsyncIterable<StoredBlob>;
  /**
   * Removes a blob, but only if it has not been written or confirmed since `unchangedSince`
   * (a publish may have claimed it after the sweep looked); resolves true when it was removed.
   */
  remove(digest: string, options: { unchangedSince: Date }): Promise<boolean>;
}
