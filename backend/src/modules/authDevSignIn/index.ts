export { authModuleDevSignIn, DEV_USER_HEADER } from './module';
