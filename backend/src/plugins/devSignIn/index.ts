export { devSignInUsersPlugin } from './plugin';
