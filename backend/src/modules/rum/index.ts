export { rumPlugin } from './plugin';
