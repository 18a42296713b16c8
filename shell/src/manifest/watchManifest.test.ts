import { diffVersions } from './watchManifest';

const payments = { name: 'team_payments', title: 'Payments', version: '1.0.0' };
const catalog = { name: 'platform_catalog', title: 'Catalog', version: '2.0.0' };

describe('diffVersions', () => {
  it('is empty when nothing changed', () => {
    expect(diffVersions([payments, catalog], [catalog, payments])).toEqual([]);
  });

  it('reports a new live version, a new remote and a withdrawn one', () => {
    const search = { name: 'team_search', title: 'Search', version: '0.1.0' };
    expect(diffVersions([payments, catalog], [{ ...payments, version: '1.1.0' }, search])).toEqual([
      { name: 'team_payments', title: 'Payments', from: '1.0.0', to: '1.1.0' },
      { name: 'team_search', title: 'Search', from: undefined, to: '0.1.0' },
      { name: 'platform_catalog', title: 'Catalog', from: '2.0.0', to: undefined },
    ]);
  });
});
