/** How often, and how patiently, a transient load failure is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included; 1 means no retry. */
  attempts: number;
  /** Delay before the first retry; each further retry doubles it. */
  baseDelayMs: number;
  /** The delay never grows beyond this. */
  maxDelayMs: number;
}

/**
 * The delay before retry number `retry` (1 for the first retry): exponential backoff with
 * "equal jitter", so that many browsers failing at once do not retry in lockstep.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}

const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it succeeds, the failure is not worth retrying, or the attempts are used
 * up; the last failure is thrown. `attempt` receives its 1-based number.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: RetryPolicy,
  shouldRetry: (error: unknown) => boolean,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<T> {
  const attempts = Math.max(1, Math.floor(policy.attempts));
  for (let number = 1; ; number++) {
    try {
      return await attempt(number);
    } catch (error) {
      if (number >= attempts || !shouldRetry(error)) throw error;
      await wait(backoffDelay(number, policy));
    }
  }
}
