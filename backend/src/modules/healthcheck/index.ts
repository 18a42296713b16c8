export { healthcheckPlugin } from './plugin';
