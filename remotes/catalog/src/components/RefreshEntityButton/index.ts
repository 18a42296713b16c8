export { RefreshEntityButton, useRefreshEntity } from './RefreshEntityButton';
