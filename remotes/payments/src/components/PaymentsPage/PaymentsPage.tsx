import { Route, Routes } from 'react-router-dom';
import { ComponentList } from '../ComponentList';
import { TechDocsPage } from '../TechDocsPage';
import { paymentsStyles } from './styles';

/**
 * The payments remote's routes, relative to where the shell mounts it: the component list at
 * the root and one component's TechDocs at `docs/:name`.
 */
export function PaymentsPage() {
  return (
    <div className="portico-payments">
      <style>{paymentsStyles}</style>
      <Routes>
        <Route index element={<ComponentList />} />
        <Route path="docs/:name" element={<TechDocsPage />} />
        <Route path="*" element={<p role="alert">This payments page does not exist.</p>} />
      </Routes>
    </div>
  );
}
