export { createRemotePublisher } from './createRemotePublisher';
export type { RemotePublisherOptions } from './createRemotePublisher';
export type { ExternalPublishRequest, PreparedPublish, PublishResult, PublishSource, RemotePublisher } from './types';
