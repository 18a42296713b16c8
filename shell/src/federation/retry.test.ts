import { backoffDelay, withRetry } from './retry';

const policy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 250 };
const noWait = () => Promise.resolve();

describe('backoffDelay', () => {
  it('doubles each retry, capped, with up to half of it as jitter', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(50);
    expect(backoffDelay(1, policy, () => 1)).toBe(100);
    expect(backoffDelay(2, policy, () => 1)).toBe(200);
    expect(backoffDelay(3, policy, () => 1)).toBe(250);
  });
});

describe('withRetry', () => {
  it('retries a transient failure until it succeeds', async () => {
    let calls = 0;
    const result = await withRetry(
      async () => (++calls < 3 ? Promise.reject(new Error('503')) : 'ok'),
      policy,
      () => true,
      noWait,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the last failure', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => Promise.reject(new Error(`failure ${++calls}`)),
        policy,
        () => true,
        noWait,
      ),
    ).rejects.toThrow('failure 3');
  });

  it('does not retry a failure that is not worth it', async () => {
    let calls = 0;
    await expect(
      withRetry(
        async () => Promise.reject(new Error(`404 ${++calls}`)),
        policy,
        () => false,
        noWait,
      ),
    ).rejects.toThrow('404 1');
  });

  it('waits the backoff delay between attempts', async () => {
    const waits: number[] = [];
    await withRetry(
      async attempt => (attempt < 3 ? Promise.reject(new Error('x')) : attempt),
      policy,
      () => true,
      async ms => {
        waits.push(ms);
      },
    );
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[1]).toBeGreaterThanOrEqual(100);
  });
});
