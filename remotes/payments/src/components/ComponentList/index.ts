export { ComponentList, TECHDOCS_ANNOTATION } from './ComponentList';
export { PAYMENTS_OWNER } from './usePaymentsComponents';
