import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';

const TABLE = 'registry_asset_signing_keys';

interface SigningKeyRow {
  generation: number;
  key: string;
}

/**
 * The signing keys, one per generation, shared by every replica through the database. Only the
 * current and the previous generation are kept: a signature is accepted for at most two periods,
 * so no valid signature can need an older key, and deleting it means a key that leaked (from a
 * backup, say) signs nothing once its generation has passed.
 */
export interface SigningKeys {
  /** The key of `generation`, created if this is the first time any replica needs it. */
  ensure(generation: number): Promise<Buffer>;
  /** The key of `generation` if one was ever created and not yet rotated out. */
  find(generation: number): Promise<Buffer | undefined>;
}

export function createSigningKeys(db: Knex): SigningKeys {
  // A generation's key never changes once stored, so replicas can keep what they have read.
  const cache = new Map<number, Buffer>();

  async function read(generation: number): Promise<Buffer | undefined> {
    const row: SigningKeyRow | undefined = await db(TABLE).where({ generation }).first();
    return row ? Buffer.from(row.key, 'base64') : undefined;
  }

  function forgetOlderThan(oldest: number) {
    for (const generation of cache.keys()) {
      if (generation < oldest) cache.delete(generation);
    }
  }

  // One lookup per generation at a time, however many manifest entries are signed at once.
  const ensuring = new Map<number, Promise<Buffer>>();

  async function loadOrCreate(generation: number): Promise<Buffer> {
    let key = await read(generation);
    if (!key) {
      // Replicas rotating at the same moment race here. The insert is idempotent: whichever
      // wins, every replica reads the same key back, so they all sign and verify alike.
      await db(TABLE)
        .insert({ generation, key: randomBytes(32).toString('base64') })
        .onConflict('generation')
        .ignore();
      key = (await read(generation))!;
      await db(TABLE)
        .where('generation', '<', generation - 1)
        .delete();
    }
    forgetOlderThan(generation - 1);
    cache.set(generation, key);
    return key;
  }

  return {
    async ensure(generation) {
      const cached = cache.get(generation);
      if (cached) return cached;
      let pending = ensuring.get(generation);
      if (!pending) {
        pending = loadOrCreate(generation).finally(() => ensuring.delete(generation));
        ensuring.set(generation, pending);
      }
      return pending;
    },

    async find(generation) {
      const cached = cache.get(generation);
      if (cached) return cached;
      const key = await read(generation);
      if (key) cache.set(generation, key);
      return key;
    },
  };
}
