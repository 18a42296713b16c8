import { ConfigReader } from '@backstage/config';
import { readHousekeepingConfig } from './housekeepingConfig';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const read = (registry: object) => readHousekeepingConfig(new ConfigReader(registry));

describe('readHousekeepingConfig', () => {
  it('defaults to a one-hour grace period, a sweep every 30 minutes and a year of audit', () => {
    expect(readHousekeepingConfig(undefined)).toEqual({
      blobGracePeriodMs: 60 * MINUTE,
      blobSweepFrequencyMs: 30 * MINUTE,
      auditRetentionMs: 365 * DAY,
    });
  });

  it('reads Backstage durations, and days for the retention', () => {
    expect(read({ blobSweep: { gracePeriod: 'PT2H', frequency: { minutes: 10 } }, audit: { retention: 90 } })).toEqual({
      blobGracePeriodMs: 120 * MINUTE,
      blobSweepFrequencyMs: 10 * MINUTE,
      auditRetentionMs: 90 * DAY,
    });
    expect(read({ audit: { retention: '30d' } }).auditRetentionMs).toBe(30 * DAY);
    expect(read({ audit: { retention: { years: 1 } } }).auditRetentionMs).toBe(365 * DAY);
  });

  it('fails naming the key for a value too short or not a duration', () => {
    expect(() => read({ blobSweep: { gracePeriod: '1m' } })).toThrow(
      /^Invalid config at registry\.blobSweep\.gracePeriod:/,
    );
    expect(() => read({ blobSweep: { frequency: 'often' } })).toThrow(
      /^Invalid config at registry\.blobSweep\.frequency:/,
    );
    expect(() => read({ audit: { retention: 0 } })).toThrow(/^Invalid config at registry\.audit\.retention:/);
    expect(() => read({ audit: { retention: { fortnights: 2 } } })).toThrow(/registry\.audit\.retention/);
  });
});
