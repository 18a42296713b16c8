import { quantileFromBuckets } from './quantile';

describe('quantileFromBuckets', () => {
  it('is null without observations', () => {
    expect(
      quantileFromBuckets(
        [
          { le: 100, count: 0 },
          { le: Infinity, count: 0 },
        ],
        0.5,
      ),
    ).toBeNull();
  });

  it('interpolates linearly inside the bucket the rank falls in', () => {
    // 10 observations: 4 in (0, 100], 6 in (100, 200].
    const buckets = [
      { le: 100, count: 4 },
      { le: 200, count: 10 },
      { le: Infinity, count: 10 },
    ];
    expect(quantileFromBuckets(buckets, 0.5)).toBeCloseTo(100 + (100 * 1) / 6);
    expect(quantileFromBuckets(buckets, 0.2)).toBeCloseTo(50);
  });

  it('answers the highest finite bound when the rank falls in the +Inf bucket', () => {
    expect(
      quantileFromBuckets(
        [
          { le: 100, count: 1 },
          { le: Infinity, count: 10 },
        ],
        0.95,
      ),
    ).toBe(100);
  });
});
