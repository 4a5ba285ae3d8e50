/** The score distribution of a draft: a histogram of pair scores (0..10,000) in ten bands. */

export interface ScoreBand {
  from: number;
  /** Inclusive. */
  to: number;
  count: number;
}

export const BAND_WIDTH = 1000;
const BANDS = 10;

/**
 * The band of a score: 0..999 -> 0, ..., 9000..10000 -> 9 (the top band holds the perfect score).
 *
 * Example: bandOf(8400) === 8; bandOf(10_000) === 9
 */
export function bandOf(score: number): number {
  return Math.min(BANDS - 1, Math.max(0, Math.floor(score / BAND_WIDTH)));
}

/**
 * The ten bands with their counts, from counts by band index (as a database groups them).
 *
 * Example: histogramFromBandCounts(new Map([[8, 3]]))[8] → { from: 8000, to: 8999, count: 3 }
 */
export function histogramFromBandCounts(counts: ReadonlyMap<number, number>): ScoreBand[] {
  return Array.from({ length: BANDS }, (_, band) => ({
    from: band * BAND_WIDTH,
    to: band === BANDS - 1 ? BANDS * BAND_WIDTH : (band + 1) * BAND_WIDTH - 1,
    count: counts.get(band) ?? 0,
  }));
}

/**
 * The histogram of a list of scores.
 *
 * Example: scoreHistogram([120, 8400, 8999, 10_000]) → band 0: 1, band 8: 2, band 9: 1
 */
export function scoreHistogram(scores: Iterable<number>): ScoreBand[] {
  const counts = new Map<number, number>();
  for (const score of scores) counts.set(bandOf(score), (counts.get(bandOf(score)) ?? 0) + 1);
  return histogramFromBandCounts(counts);
}

/**
 * The mean score rounded to a whole point, or null for no pairs.
 *
 * Example: meanScore(3, 24_001) === 8000; meanScore(0, 0) === null
 */
export function meanScore(pairs: number, totalScore: number): number | null {
  return pairs === 0 ? null : Math.round(totalScore / pairs);
}
