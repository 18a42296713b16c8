import { TooManyRequestsError } from '../../errors';

/**
 * Counts the uploads each principal has in progress, so that one caller cannot tie up the
 * registry's disk and CPU with many parallel archives. A slot is taken before an upload's body
 * is read and given back when the publish ends, whatever its outcome.
 */
export class UploadSlots {
  private readonly inProgress = new Map<string, number>();

  constructor(private readonly maxPerCaller: number) {}

  /** Takes a slot for `caller`, or throws TooManyRequestsError naming the limit; resolves its release. */
  acquire(caller: string): () => void {
    const held = this.inProgress.get(caller) ?? 0;
    if (held >= this.maxPerCaller) {
      throw new TooManyRequestsError(
        `upload: ${caller} already has ${held} uploads in progress, the most registry.maxConcurrentUploadsPerCaller ` +
          `(${this.maxPerCaller}) allows; retry when one has finished`,
      );
    }
    this.inProgress.set(caller, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.inProgress.get(caller) ?? 1) - 1;
      if (left > 0) this.inProgress.set(caller, left);
      else this.inProgress.delete(caller);
    };
  }
}
