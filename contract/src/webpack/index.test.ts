import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import webpack from 'webpack';
import { createRemoteWebpackConfig, readRemoteDescriptor } from './index';

function remoteDir(packageJson: object, plugin = 'export default {};\n'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-remote-'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(packageJson));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src', 'plugin.tsx'), plugin);
  return dir;
}

const portico = {
  name: 'team_payments',
  route: '/payments',
  title: 'Payments',
  owner: 'group:default/payments-team',
  description: 'Payments things',
};

describe('readRemoteDescriptor', () => {
  it('reads the portico block and the version', () => {
    const dir = remoteDir({ version: '1.2.3', portico });
    expect(readRemoteDescriptor(dir)).toEqual({ ...portico, version: '1.2.3' });
  });

  it('names the key that is missing or malformed', () => {
    expect(() => readRemoteDescriptor(remoteDir({ version: '1.0.0' }))).toThrow('portico is missing');
    expect(() =>
      readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, name: 'Team-Payments' } })),
    ).toThrow('portico.name');
    expect(() =>
      readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, route: 'payments' } })),
    ).toThrow('portico.route');
    expect(() => readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, title: '' } }))).toThrow(
      'portico.title',
    );
  });

  it("applies the registry's rules, naming each field at fault", () => {
    const read = (packageJson: object) => () => readRemoteDescriptor(remoteDir(packageJson));
    expect(read({ version: '1.0.0', portico: { ...portico, route: 'payments' } })).toThrow(
      /package\.json: portico\.route: must be a lower-case path such as \/payments/,
    );
    expect(read({ version: '1.0.0', portico: { ...portico, route: '/config.json' } })).toThrow('portico.route');
    expect(read({ version: '1.0.0', portico: { ...portico, owner: 'payments-team' } })).toThrow(
      'portico.owner: must be a group entity ref',
    );
    expect(read({ version: 'latest', portico: { ...portico, name: 'x' } })).toThrow(
      /portico\.name: must be a lower-case identifier.*; version: must be a semver version/,
    );
    expect(read({ portico })).toThrow('version: Required');
    expect(read({ version: '1.0.0', portico: { ...portico, description: 7 } })).toThrow('portico.description');
  });

  it('reads portico.sourceMaps into the descriptor, and refuses anything but a boolean', () => {
    expect(readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, sourceMaps: true } }))).toEqual({
      ...portico,
      version: '1.0.0',
      sourceMaps: true,
    });
    expect(() =>
      readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, sourceMaps: 'yes' } })),
    ).toThrow('portico.sourceMaps');
  });

  it('leaves out an empty description', () => {
    expect(readRemoteDescriptor(remoteDir({ version: '1.0.0', portico: { ...portico, description: '' } }))).toEqual({
      name: 'team_payments',
      version: '1.0.0',
      route: '/payments',
      title: 'Payments',
      owner: 'group:default/payments-team',
    });
  });
});

describe('createRemoteWebpackConfig', () => {
  it('emits no source maps unless the remote asks for them with portico.sourceMaps', () => {
    expect(createRemoteWebpackConfig({ dir: remoteDir({ version: '1.0.0', portico }) }).devtool).toBe(false);
    const notAsked = remoteDir({ version: '1.0.0', portico: { ...portico, sourceMaps: false } });
    expect(createRemoteWebpackConfig({ dir: notAsked }).devtool).toBe(false);
    const asked = remoteDir({ version: '1.0.0', portico: { ...portico, sourceMaps: true } });
    expect(createRemoteWebpackConfig({ dir: asked }).devtool).toBe('source-map');
  });

  it('builds a remote with its descriptor, federation manifest and SRI-hashed chunks', async () => {
    const catalogDir = path.resolve(__dirname, '../../../remotes/catalog');
    const config = createRemoteWebpackConfig({ dir: catalogDir });
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-remote-dist-'));
    config.output = { ...config.output, path: outDir };

    const stats = await new Promise<webpack.Stats>((resolve, reject) =>
      webpack(config, (error, result) => (error || !result ? reject(error) : resolve(result))),
    );

    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    const files = fs.readdirSync(outDir);
    expect(files).toEqual(expect.arrayContaining(['remoteEntry.js', 'mf-manifest.json', 'portico-remote.json']));
    // Only the file types the registry accepts: no source maps (not asked for), no extracted LICENSE.txt.
    expect(files.filter(file => !/\.(js|json)$/.test(file))).toEqual([]);
    const descriptor = JSON.parse(fs.readFileSync(path.join(outDir, 'portico-remote.json'), 'utf8'));
    expect(descriptor).toMatchObject({ name: 'platform_catalog', route: '/catalog', title: 'Catalog' });
    const entry = fs.readFileSync(path.join(outDir, 'remoteEntry.js'), 'utf8');
    expect(entry).toMatch(/sriHashes=\{[^}]*"?sha384-/);
    expect(entry).not.toContain('CHUNK-SRI-HASH');
  }, 60_000);
});
