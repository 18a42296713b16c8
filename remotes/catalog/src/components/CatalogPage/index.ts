export { CatalogPage } from './CatalogPage';
