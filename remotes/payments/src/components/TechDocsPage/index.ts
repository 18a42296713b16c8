export { TechDocsPage } from './TechDocsPage';
