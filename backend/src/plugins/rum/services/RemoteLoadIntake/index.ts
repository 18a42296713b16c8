export { createRemoteLoadIntake } from './createRemoteLoadIntake';
export type { RemoteLoadIntake } from './createRemoteLoadIntake';
