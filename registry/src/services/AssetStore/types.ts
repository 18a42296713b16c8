import { Readable } from 'node:stream';

/** Immutable, content-addressed file storage: a blob's name is the SHA-384 of its bytes. */
export interface AssetStore {
  /** Stores the bytes under their digest; resolves true when this call created the blob. */
  put(digest: string, bytes: Buffer): Promise<boolean>;
  /** Opens a stored blob for reading. */
  open(digest: string): Readable;
  /** Removes a blob; used only to undo a publish that failed after writing it. */
  remove(digest: string): Promise<void>;
}
