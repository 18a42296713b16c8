import { createHmac, timingSafeEqual } from 'node:crypto';
import { Knex } from 'knex';
import { createSigningKeys } from './signingKeys';

/**
 * Default length of one signing period: a signature works for four to eight hours, which bounds
 * what a leaked URL or a revoked user keeps, yet covers a working session of an open portal.
 */
export const DEFAULT_SIGNING_PERIOD_SECONDS = 4 * 60 * 60;
/** Default number of periods one key signs before the next key takes over (a day, by default). */
export const DEFAULT_KEY_ROTATION_PERIODS = 6;

/**
 * Signs the asset URLs of uploaded remotes. Browsers load remote code with plain
 * `<script crossorigin="anonymous">` tags, which carry no token or cookie, so the per-user
 * manifest hands out a URL prefix that proves the registry let this user see this version.
 * Chunks inherit the prefix (webpack's `publicPath: 'auto'` resolves them beside the entry).
 *
 * A signature is made in one period and accepted in that period and the next, so it stops
 * working one to two periods after it was issued (and so after the user lost access). Within a
 * period it is stable, so browsers can keep caching the immutable files for that long.
 */
export interface AssetSigner {
  /** The path segment (`~s/<signature>`) to put before a version's files for this user. */
  sign(options: { name: string; version: string; subject: string }): Promise<string>;
  /** True when `signature` was made for this remote version in the current or the previous period. */
  verify(options: { name: string; version: string; signature: string }): Promise<boolean>;
}

export interface AssetSignerOptions {
  database: Knex;
  /** Length of one signing period, in seconds. */
  periodSeconds?: number;
  /** How many periods one key signs before a new one replaces it. */
  keyRotationPeriods?: number;
  /** The clock, in milliseconds; tests move it. */
  now?: () => number;
}

/** What one signature covers. */
export interface SignedFields {
  name: string;
  version: string;
  period: number;
  subject: string;
}

/** The signature (without `~s/`) of `fields` under `key`: `<period>.<subject>.<mac>`. */
export function signatureOf(key: Buffer, { name, version, period, subject }: SignedFields): string {
  const mac = createHmac('sha256', key).update(`${name}\0${version}\0${period}\0${subject}`).digest('base64url');
  return `${period}.${Buffer.from(subject).toString('base64url')}.${mac}`;
}

const SIGNATURE = /^(\d{1,15})\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;

export function createAssetSigner(options: AssetSignerOptions): AssetSigner {
  const periodMs = (options.periodSeconds ?? DEFAULT_SIGNING_PERIOD_SECONDS) * 1000;
  const rotation = options.keyRotationPeriods ?? DEFAULT_KEY_ROTATION_PERIODS;
  const now = options.now ?? Date.now;
  const keys = createSigningKeys(options.database);
  const currentPeriod = () => Math.floor(now() / periodMs);
  const generationOf = (period: number) => Math.floor(period / rotation);

  return {
    async sign({ name, version, subject }) {
      const period = currentPeriod();
      const key = await keys.ensure(generationOf(period));
      return `~s/${signatureOf(key, { name, version, period, subject })}`;
    },

    async verify({ name, version, signature }) {
      const parts = SIGNATURE.exec(signature);
      if (!parts) return false;
      const period = Number(parts[1]);
      const current = currentPeriod();
      if (period !== current && period !== current - 1) return false;
      // The key is the one of the signature's own period: a key rotated out (or never made)
      // verifies nothing, whatever period a forger writes.
      const key = await keys.find(generationOf(period));
      if (!key) return false;
      const subject = Buffer.from(parts[2], 'base64url').toString();
      const expected = Buffer.from(signatureOf(key, { name, version, period, subject }));
      const actual = Buffer.from(signature);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
