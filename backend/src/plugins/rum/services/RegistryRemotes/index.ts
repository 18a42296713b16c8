export {
  createRegistryRemotes,
  DEFAULT_SERVED_VERSIONS_TTL_MS,
  MIN_SERVED_VERSIONS_REFRESH_MS,
} from './createRegistryRemotes';
export type { RegistryRemotesService } from './createRegistryRemotes';
