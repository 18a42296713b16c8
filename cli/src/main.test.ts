import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  ADMIN_SERVICE_SUBJECT,
  createTestDatabases,
  PAYMENTS_CI_SUBJECT,
  remoteFixture,
  RemoteFixtureOptions,
  serviceHeader,
  startRegistry,
} from '@portico/plugin-registry-backend/testUtils';
import { main } from './main';

/** The admin service account's mock token, as the CLI sends it (without `Bearer `). */
const ADMIN_TOKEN = serviceHeader(ADMIN_SERVICE_SUBJECT).replace(/^Bearer /, '');

describe('portico CLI', () => {
  const databases = createTestDatabases();
  let workDir: string;
  let stdout: string;
  let stderr: string;

  async function writeBuild(options: RemoteFixtureOptions = {}): Promise<string> {
    const dist = join(workDir, `dist-${options.version ?? '1.0.0'}-${options.body ?? 'v1'}`);
    for (const file of remoteFixture(options)) {
      await mkdir(dirname(join(dist, file.path)), { recursive: true });
      await writeFile(join(dist, file.path), file.content);
    }
    return dist;
  }

  beforeEach(async () => {
    workDir = await mkdtemp(join(tmpdir(), 'portico-cli-'));
    const server = await startRegistry({ knex: await databases.init('SQLITE_3'), storage: join(workDir, 'storage') });
    process.env.PORTICO_BACKEND_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    process.env.PORTICO_TOKEN = ADMIN_TOKEN;
    stdout = '';
    stderr = '';
    jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
      stdout += String(chunk);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation(chunk => {
      stderr += String(chunk);
      return true;
    });
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await rm(workDir, { recursive: true, force: true });
  });

  it('publishes a built folder, makes it live and reports each step', async () => {
    const dist = await writeBuild();
    expect(await main(['publish', dist])).toBe(0);
    expect(stderr).toContain('Packing team_payments@1.0.0');
    expect(stderr).toMatch(/Uploading 4 files/);
    expect(stderr).toContain('upload 100%');
    expect(stdout).toContain('team_payments@1.0.0 is live at /payments');

    expect(await main(['list', '--json'])).toBe(0);
    const listed = JSON.parse(stdout.slice(stdout.indexOf('{')));
    expect(listed.remotes[0]).toMatchObject({ name: 'team_payments', liveVersion: '1.0.0' });
  });

  it('prints JSON only with --json', async () => {
    const dist = await writeBuild();
    expect(await main(['publish', dist, '--json'])).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ name: 'team_payments', version: '1.0.0', created: true, live: '1.0.0' });
    expect(stderr).toBe('');
  });

  it('exits non-zero with the server message when the registry refuses', async () => {
    await main(['publish', await writeBuild()]);
    const changed = await writeBuild({ body: 'v2' });
    expect(await main(['publish', changed])).toBe(1);
    expect(stderr).toMatch(/answered 409: version: team_payments@1\.0\.0 is already published with different files/);
  });

  it("names the owner from the build's portico-remote.json, so that the registry decides before the upload", async () => {
    // The payments team's CI token may publish only the payments team's remotes.
    process.env.PORTICO_TOKEN = serviceHeader(PAYMENTS_CI_SUBJECT).replace(/^Bearer /, '');
    expect(await main(['publish', await writeBuild({ owner: 'group:default/search-team' }), '--no-live'])).toBe(1);
    expect(stderr).toMatch(
      /answered 403: registry\.remote\.publish: external:ci-payments may not publish team_payments/,
    );
    expect(await main(['publish', await writeBuild({ body: 'ci' }), '--no-live'])).toBe(0);
  });

  it('exits non-zero with bad credentials, passing on the 401', async () => {
    process.env.PORTICO_TOKEN = 'not-a-token-the-backend-issued';
    expect(await main(['publish', await writeBuild()])).toBe(1);
    expect(stderr).toMatch(/answered 401/);
  });

  it('explains a folder that is not a build', async () => {
    expect(await main(['publish', workDir])).toBe(1);
    expect(stderr).toMatch(/portico-remote\.json not found: build the remote first/);
  });

  it('moves the live pointer to an older version with `live`', async () => {
    await main(['publish', await writeBuild()]);
    await main(['publish', await writeBuild({ version: '1.1.0', body: 'v2' })]);
    expect(await main(['live', 'team_payments', '1.0.0'])).toBe(0);
    expect(stdout).toContain('team_payments@1.0.0 is live at /payments');
  });

  it('runs a canary, completes it, rolls back and shows the history in status', async () => {
    await main(['publish', await writeBuild()]);
    await main(['publish', await writeBuild({ version: '1.1.0', body: 'v2' }), '--no-live']);
    expect(await main(['promote', 'team_payments', '1.1.0', '--percent', '20'])).toBe(0);
    expect(stdout).toContain('team_payments: 1.0.0 live, 1.1.0 canary 20%');
    expect(await main(['promote', 'team_payments', '1.1.0'])).toBe(0);
    expect(stdout).toContain('team_payments: 1.1.0 live');
    expect(await main(['rollback', 'team_payments'])).toBe(0);
    expect(stdout).toContain('team_payments: 1.0.0 live');
    stdout = '';
    expect(await main(['status', 'team_payments'])).toBe(0);
    expect(stdout).toMatch(/rollback\s+1\.1\.0 -> 1\.0\.0/);
    expect(stdout).toMatch(/canary-complete\s+1\.0\.0 -> 1\.1\.0/);
    expect(stdout).toMatch(/canary-start\s+1\.0\.0 -> 1\.1\.0/);
  });

  it('deprecates with a sunset, and refuses a missing one before calling the server', async () => {
    await main(['publish', await writeBuild()]);
    expect(await main(['deprecate', 'team_payments', '1.0.0'])).toBe(1);
    expect(stderr).toContain('deprecate needs --sunset');
    expect(await main(['deprecate', 'team_payments', '1.0.0', '--sunset', '2027-03-31', '--message', 'use 2.x'])).toBe(
      0,
    );
    expect(stdout).toContain('team_payments@1.0.0 is deprecated; sunset 2027-03-31');
  });

  it('registers the shell contract read from the installed shared packages', async () => {
    const shellDir = join(__dirname, '../../shell');
    expect(await main(['shell-contract', '--shell-dir', shellDir, '--json'])).toBe(0);
    const body = JSON.parse(stdout);
    const reactPackage = JSON.parse(
      await readFile(require.resolve('react/package.json', { paths: [shellDir] }), 'utf8'),
    );
    expect(body.contract.react).toBe(reactPackage.version);
    expect(Object.keys(body.contract).sort()).toEqual([
      '@backstage/core-plugin-api',
      '@backstage/frontend-plugin-api',
      'react',
      'react-dom',
      'react-router-dom',
    ]);
  });

  it('names the backend it cannot reach', async () => {
    const closed = createServer();
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise(resolve => closed.close(resolve));
    process.env.PORTICO_BACKEND_URL = `http://127.0.0.1:${port}`;
    expect(await main(['list', '--json'])).toBe(1);
    const address = `127.0.0.1:${port}`;
    const expected = `Cannot reach the registry at http://${address} (connect ECONNREFUSED ${address}); is the backend running?`;
    expect(JSON.parse(stdout)).toEqual({ error: expected });
    expect(stderr).toBe(`portico: ${expected}\n`);
  });

  it('refuses a publish by URL without the options it needs, before calling the server', async () => {
    expect(await main(['publish', 'https://cdn.example.com/mf-manifest.json', '--name', 'team_search'])).toBe(1);
    expect(stderr).toContain('publishing by URL needs --version, --route, --title, --owner');
  });

  it('answers usage errors with exit 2', async () => {
    expect(await main(['frobnicate'])).toBe(2);
    expect(stderr).toContain('Usage: portico');
  });
});
