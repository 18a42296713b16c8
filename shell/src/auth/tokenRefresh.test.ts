import {
  MAX_REFRESH_MARGIN_MS,
  MIN_REFRESH_DELAY_MS,
  createRefreshTimer,
  isStale,
  readTokenExpiry,
  refreshDelay,
  tokenExpiresAt,
} from './tokenRefresh';

function jwt(payload: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'ES256' })}.${encode(payload)}.signature`;
}

describe('readTokenExpiry', () => {
  it('reads the exp claim in milliseconds', () => {
    expect(readTokenExpiry(jwt({ sub: 'user:default/ada', exp: 1_700_000_000 }))).toBe(1_700_000_000_000);
  });

  it('is undefined for a token without exp or that is not a JWT', () => {
    expect(readTokenExpiry(jwt({ sub: 'x' }))).toBeUndefined();
    expect(readTokenExpiry('not-a-jwt')).toBeUndefined();
    expect(readTokenExpiry('a.!!!.c')).toBeUndefined();
  });
});

describe('tokenExpiresAt', () => {
  it("prefers the token's exp claim, else the answer's lifetime, else an hour", () => {
    const now = 1_000_000;
    expect(tokenExpiresAt(jwt({ exp: 2_000 }), 60, now)).toBe(2_000_000);
    expect(tokenExpiresAt('opaque', 60, now)).toBe(now + 60_000);
    expect(tokenExpiresAt('opaque', undefined, now)).toBe(now + 3_600_000);
  });
});

describe('refresh timing', () => {
  it('refreshes a quarter of the remaining life early, at most five minutes', () => {
    expect(refreshDelay(60 * 60_000, 0)).toBe(55 * 60_000);
    expect(refreshDelay(8 * 60_000, 0)).toBe(6 * 60_000);
    expect(60 * 60_000 - refreshDelay(60 * 60_000, 0)).toBe(MAX_REFRESH_MARGIN_MS);
  });

  it('hands out a token only while it has more than 30 seconds left', () => {
    expect(isStale(31_000, 0)).toBe(false);
    expect(isStale(30_000, 0)).toBe(true);
  });

  it('keeps one pending refresh, never sooner than the minimum delay', () => {
    jest.useFakeTimers();
    try {
      const refresh = jest.fn();
      const timer = createRefreshTimer(refresh);
      timer.schedule(0);
      timer.schedule(10_000);
      jest.advanceTimersByTime(MIN_REFRESH_DELAY_MS);
      expect(refresh).not.toHaveBeenCalled();
      jest.advanceTimersByTime(10_000 - MIN_REFRESH_DELAY_MS);
      expect(refresh).toHaveBeenCalledTimes(1);
      timer.schedule(1);
      timer.cancel();
      jest.advanceTimersByTime(60_000);
      expect(refresh).toHaveBeenCalledTimes(1);
    } finally {
      jest.useRealTimers();
    }
  });
});
