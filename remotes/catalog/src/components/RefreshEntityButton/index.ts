export { RefreshEntityButton } from './RefreshEntityButton';
