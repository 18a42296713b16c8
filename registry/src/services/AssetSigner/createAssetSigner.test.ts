import { TestDatabaseId } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createTestDatabases } from '../../__testUtils__/databases';
import { createAssetSigner, signatureOf } from './createAssetSigner';

const databases = createTestDatabases();
const HOUR = 60 * 60 * 1000;
const REMOTE = { name: 'team_payments', version: '1.0.0' };
const SUBJECT = 'user:default/linus';

describe.each(databases.eachSupportedId())('asset signatures on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let clock: number;
  // One-hour periods, a new key every two periods; the clock starts at the first period of a generation.
  const signer = () =>
    createAssetSigner({ database: knex, periodSeconds: 3600, keyRotationPeriods: 2, now: () => clock });
  const signatureIn = (signed: string) => signed.replace(/^~s\//, '');
  const storedKeys = async () =>
    (await knex('registry_asset_signing_keys').orderBy('generation')).map(row => ({
      generation: Number(row.generation),
      key: Buffer.from(row.key, 'base64'),
    }));

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: join(__dirname, '../../../migrations') });
    clock = 1000 * 2 * HOUR + 60_000;
  });

  it('accepts a signature in its own period and the next, and no longer', async () => {
    const asset = signer();
    const signature = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    expect(await asset.verify({ ...REMOTE, signature })).toBe(true);
    clock += HOUR; // the previous period: accepted
    expect(await asset.verify({ ...REMOTE, signature })).toBe(true);
    clock += HOUR; // expired
    expect(await asset.verify({ ...REMOTE, signature })).toBe(false);
  });

  it('accepts a previous-period signature across a key rotation, made by the key before', async () => {
    clock += HOUR; // the last period of generation 1000
    const asset = signer();
    const signature = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    clock += HOUR; // generation 1001: a new key signs
    const fresh = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    expect((await storedKeys()).map(k => k.generation)).toEqual([1000, 1001]);
    expect(await asset.verify({ ...REMOTE, signature })).toBe(true);
    expect(await asset.verify({ ...REMOTE, signature: fresh })).toBe(true);
  });

  it('rejects, by its MAC, a signature of the right shape and a valid period made without the key', async () => {
    const asset = signer();
    const genuine = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    const period = Number(genuine.split('.')[0]);
    const forged = signatureOf(randomBytes(32), { ...REMOTE, period, subject: SUBJECT });
    expect(forged.split('.').slice(0, 2)).toEqual(genuine.split('.').slice(0, 2));
    expect(forged).not.toBe(genuine);
    expect(await asset.verify({ ...REMOTE, signature: forged })).toBe(false);
    // Another user's name on this user's MAC does not pass either.
    const [, , mac] = genuine.split('.');
    const otherUser = `${period}.${Buffer.from('user:default/sven').toString('base64url')}.${mac}`;
    expect(await asset.verify({ ...REMOTE, signature: otherUser })).toBe(false);
  });

  it('rejects a valid signature for another version or another remote', async () => {
    const asset = signer();
    const signature = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    expect(await asset.verify({ ...REMOTE, version: '1.0.1', signature })).toBe(false);
    expect(await asset.verify({ ...REMOTE, name: 'team_search', signature })).toBe(false);
    expect(await asset.verify({ ...REMOTE, signature })).toBe(true);
  });

  it('rotates keys out: a key from two generations ago is deleted and signs nothing', async () => {
    const asset = signer();
    await asset.sign({ ...REMOTE, subject: SUBJECT });
    const [leaked] = await storedKeys();
    clock += 4 * HOUR; // two generations later
    const period = Math.floor(clock / HOUR);
    const current = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    // A signature for the current period, made with the leaked key, as someone holding it would.
    const forged = signatureOf(leaked.key, { ...REMOTE, period, subject: SUBJECT });
    expect(forged.split('.')[0]).toBe(current.split('.')[0]);
    expect(await asset.verify({ ...REMOTE, signature: forged })).toBe(false);
    expect(await asset.verify({ ...REMOTE, signature: current })).toBe(true);
    expect((await storedKeys()).map(k => k.generation)).toEqual([1002]);
  });

  it('lets replicas rotating at the same moment agree on one key', async () => {
    const replicas = [signer(), signer(), signer()];
    const signatures = await Promise.all(
      replicas.map(replica => replica.sign({ ...REMOTE, subject: SUBJECT }).then(signatureIn)),
    );
    expect(new Set(signatures).size).toBe(1);
    expect(await storedKeys()).toHaveLength(1);
    for (const replica of replicas) {
      expect(await replica.verify({ ...REMOTE, signature: signatures[0] })).toBe(true);
    }
    // A replica that never signed verifies what another one signed, from the shared table.
    expect(await signer().verify({ ...REMOTE, signature: signatures[0] })).toBe(true);
  });

  it('rejects malformed signatures without throwing', async () => {
    const asset = signer();
    const signature = signatureIn(await asset.sign({ ...REMOTE, subject: SUBJECT }));
    for (const bad of ['', 'x', `${signature}.extra`, signature.replace(/^\d+/, 'NaN'), `0${signature}`]) {
      expect(await asset.verify({ ...REMOTE, signature: bad })).toBe(false);
    }
  });
});
