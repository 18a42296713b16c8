import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DecisionCache } from './DecisionCache';

const ALLOW = { result: AuthorizeResult.ALLOW } as const;
const DENY = { result: AuthorizeResult.DENY } as const;

describe('DecisionCache', () => {
  it('keeps a decision for its TTL, by the clock it is given', () => {
    let now = 1_000;
    const cache = new DecisionCache(10_000, 100, () => now);
    cache.set('a', ALLOW);
    now += 10_000;
    expect(cache.get('a')).toBe(ALLOW);
    now += 1;
    expect(cache.get('a')).toBeUndefined();
  });

  it('lets the least recently used decisions go beyond its size', () => {
    const cache = new DecisionCache(10_000, 2);
    cache.set('a', ALLOW);
    cache.set('b', DENY);
    cache.get('a');
    cache.set('c', ALLOW);
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual([ALLOW, undefined, ALLOW]);
    expect(cache.size).toBe(2);
  });

  it('keeps nothing with a zero TTL, and forgets everything when cleared', () => {
    const off = new DecisionCache(0, 100);
    off.set('a', ALLOW);
    expect([off.enabled, off.get('a'), off.size]).toEqual([false, undefined, 0]);
    const on = new DecisionCache(10_000, 100);
    on.set('a', ALLOW);
    on.clear();
    expect(on.get('a')).toBeUndefined();
  });
});
