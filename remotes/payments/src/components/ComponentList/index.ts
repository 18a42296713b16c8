export { ComponentList, PAYMENTS_OWNER, TECHDOCS_ANNOTATION } from './ComponentList';
