/** One cumulative histogram bucket: how many observations were at most `le`. */
export interface CumulativeBucket {
  le: number;
  count: number;
}

/**
 * A quantile estimated from cumulative buckets the way Prometheus' `histogram_quantile` does:
 * linear interpolation inside the bucket the rank falls in, the highest finite bound when it
 * falls in the +Inf bucket, null when there are no observations.
 */
export function quantileFromBuckets(buckets: readonly CumulativeBucket[], quantile: number): number | null {
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const total = sorted.at(-1)?.count ?? 0;
  if (total === 0) return null;
  const rank = quantile * total;
  let previousBound = 0;
  let previousCount = 0;
  for (const bucket of sorted) {
    if (bucket.count >= rank) {
      if (!Number.isFinite(bucket.le)) return previousBound;
      const inBucket = bucket.count - previousCount;
      if (inBucket === 0) return bucket.le;
      return previousBound + ((bucket.le - previousBound) * (rank - previousCount)) / inBucket;
    }
    previousBound = Number.isFinite(bucket.le) ? bucket.le : previousBound;
    previousCount = bucket.count;
  }
  return previousBound;
}
