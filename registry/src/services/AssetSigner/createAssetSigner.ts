import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Knex } from 'knex';

/** How long one signing period lasts; a signature is accepted in its period and the next. */
export const SIGNING_PERIOD_MS = 12 * 60 * 60 * 1000;
const SECRET_NAME = 'asset-signing-key';

/**
 * Signs the asset URLs of remotes limited to some groups. Browsers load remote code with plain
 * `<script crossorigin="anonymous">` tags, which carry no token or cookie, so the per-user
 * manifest hands out a URL prefix that proves the registry let this user see this version.
 * Chunks inherit the prefix (webpack's `publicPath: 'auto'` resolves them beside the entry).
 * Signatures are stable within a period, so browsers can keep caching the immutable files.
 */
export interface AssetSigner {
  /** The path segment (`~s/<signature>`) to put before a version's files for this user. */
  sign(options: { name: string; version: string; subject: string }): Promise<string>;
  /** True when `signature` was made for this remote version in the current or last period. */
  verify(options: { name: string; version: string; signature: string }): Promise<boolean>;
}

async function loadKey(db: Knex): Promise<Buffer> {
  const existing = await db('registry_secrets').where({ name: SECRET_NAME }).first();
  if (existing) return Buffer.from(existing.value, 'base64');
  const value = randomBytes(32).toString('base64');
  // Replicas starting together race here; whichever insert wins, everyone reads it back.
  await db('registry_secrets').insert({ name: SECRET_NAME, value }).onConflict('name').ignore();
  const stored = await db('registry_secrets').where({ name: SECRET_NAME }).first();
  return Buffer.from(stored.value, 'base64');
}

export function createAssetSigner(db: Knex, now: () => number = Date.now): AssetSigner {
  let key: Promise<Buffer> | undefined;
  const getKey = () => (key ??= loadKey(db));

  async function mac(name: string, version: string, period: number, subject: string) {
    return createHmac('sha256', await getKey())
      .update(`${name}\0${version}\0${period}\0${subject}`)
      .digest('base64url');
  }

  return {
    async sign({ name, version, subject }) {
      const period = Math.floor(now() / SIGNING_PERIOD_MS);
      const who = Buffer.from(subject).toString('base64url');
      return `~s/${period}.${who}.${await mac(name, version, period, subject)}`;
    },
    async verify({ name, version, signature }) {
      const [periodText, who, given] = signature.split('.');
      const period = Number(periodText);
      const current = Math.floor(now() / SIGNING_PERIOD_MS);
      if (!Number.isInteger(period) || !who || !given || (period !== current && period !== current - 1)) {
        return false;
      }
      const expected = Buffer.from(await mac(name, version, period, Buffer.from(who, 'base64url').toString()));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
