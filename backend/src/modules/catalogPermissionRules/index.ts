export { catalogModulePorticoPermissionRules } from './module';
export { isPartOf, isPartOfCondition } from './isPartOf';
