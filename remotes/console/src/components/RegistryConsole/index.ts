export { RegistryConsole } from './RegistryConsole';
