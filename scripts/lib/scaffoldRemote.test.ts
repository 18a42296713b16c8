import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRemoteDescriptor } from '@portico/contract/webpack';
import { resolveScaffoldOptions, scaffoldRemote } from './scaffoldRemote';

describe('scaffoldRemote', () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'portico-scaffold-'));
  });

  afterEach(() => rm(root, { recursive: true, force: true }));

  it('writes a remote whose package.json the remote webpack helper accepts', async () => {
    const { dir, files } = await scaffoldRemote({ root, name: 'cost-insights', owner: 'finops-team' });
    expect(dir).toBe(join(root, 'remotes', 'cost-insights'));
    expect(files.sort()).toEqual([
      'README.md',
      'package.json',
      'src/components/CostInsightsPage/CostInsightsPage.tsx',
      'src/components/CostInsightsPage/index.ts',
      'src/plugin.tsx',
      'src/routes.ts',
      'webpack.config.js',
    ]);
    expect(readRemoteDescriptor(dir)).toEqual({
      name: 'cost_insights',
      version: '0.1.0',
      route: '/cost-insights',
      title: 'Cost Insights',
      owner: 'group:default/finops-team',
      description: 'Cost Insights, a Portico remote owned by finops-team.',
    });
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@portico/remote-cost-insights');
    expect(pkg.scripts.start).toBe('node ../../scripts/remote-start.mjs');
    expect(pkg.dependencies).toMatchObject({ '@backstage/catalog-client': '1.16.4', 'react-use': '17.6.1' });
    const plugin = await readFile(join(dir, 'src/plugin.tsx'), 'utf8');
    expect(plugin).toContain('export default createFrontendPlugin(');
    expect(plugin).toContain("import('./components/CostInsightsPage')");
  });

  it('takes the title, route, container and a full owner ref as given', () => {
    expect(
      resolveScaffoldOptions({
        root,
        name: 'search',
        owner: 'group:default/search-team',
        title: 'Find',
        route: '/find',
        container: 'team_search',
      }),
    ).toMatchObject({ title: 'Find', route: '/find', container: 'team_search', owner: 'group:default/search-team' });
  });

  it('refuses a name, owner or route the shell and the registry would refuse, naming it', () => {
    expect(() => resolveScaffoldOptions({ root, name: 'Search', owner: 'x' })).toThrow('<name>');
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: '' })).toThrow('--owner');
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', route: 'search' })).toThrow('--route');
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', container: '9lives' })).toThrow(
      '--container',
    );
  });

  it("applies the contract's rules, the registry's own, naming the option and what was given", () => {
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'user:default/jane' })).toThrow(
      '--owner must name the owning group, such as "search-team" or "group:default/search-team"; ' +
        'got "user:default/jane"',
    );
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', route: '/config.json' })).toThrow(
      /--route: .*; got "\/config\.json"/,
    );
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', route: '/Search' })).toThrow(
      '--route: must be a lower-case path such as /payments (letters, digits, -); got "/Search"',
    );
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', title: 'T'.repeat(101) })).toThrow(
      '--title',
    );
    expect(() => resolveScaffoldOptions({ root, name: 'search', owner: 'x', description: 'd'.repeat(501) })).toThrow(
      '--description',
    );
    expect(() => resolveScaffoldOptions({ root, name: 'x', owner: 'x' })).toThrow(
      '--container: must be a lower-case identifier',
    );
  });

  it('never overwrites an existing remote', async () => {
    await scaffoldRemote({ root, name: 'search', owner: 'search-team' });
    await expect(scaffoldRemote({ root, name: 'search', owner: 'search-team' })).rejects.toThrow(
      'remotes/search exists already',
    );
  });
});
