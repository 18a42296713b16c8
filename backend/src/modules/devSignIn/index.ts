export { authModuleDevSignIn, DEV_USER_HEADER } from './authModule';
export { devSignInUsersPlugin } from './usersPlugin';
export { readDevSignInEnabled } from './config';
