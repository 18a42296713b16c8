export { createReleaseService } from './createReleaseService';
export type { LiveChange, ReleaseService } from './types';
