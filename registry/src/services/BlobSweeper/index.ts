export { BLOB_SWEEP_TASK_ID, createBlobSweeper, scheduleBlobSweep } from './createBlobSweeper';
export type { BlobSweeper, BlobSweeperOptions, BlobSweepResult } from './createBlobSweeper';
