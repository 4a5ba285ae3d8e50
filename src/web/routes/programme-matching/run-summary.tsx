import type { MatchRun, ScoreBucket } from "../../../contracts/bulk-matching.ts";
import { formatScore } from "./matching-api.ts";

/** Summary cards of a draft and its score distribution (a chart, and the same numbers as a table). */
export function RunSummary({ run }: { run: MatchRun }) {
  const summary = run.summary;
  if (!summary) return null;
  const extra = summary.moreThanGreedy;
  return (
    <section aria-labelledby="summary-heading" className="matching-section">
      <h2 id="summary-heading" className="visually-hidden">
        Summary
      </h2>
      <dl className="summary-cards">
        <div className="summary-card">
          <dt>Matched</dt>
          <dd>
            <span className="summary-card__value">{summary.matched}</span> of {summary.menteesConsidered}{" "}
            mentees
          </dd>
          <dd className="summary-card__note">
            A greedy best-score-first pass matches {summary.greedyMatched}
            {extra > 0 ? `: the matcher matches ${extra} more.` : "."}
          </dd>
        </div>
        <div className="summary-card">
          <dt>Unmatched</dt>
          <dd>
            <span className="summary-card__value">{summary.unmatched}</span>{" "}
            {summary.unmatched === 1 ? "mentee" : "mentees"}
          </dd>
          {summary.alreadyMatched > 0 ? (
            <dd className="summary-card__note">
              {summary.alreadyMatched} already had a mentor and were left out.
            </dd>
          ) : null}
        </div>
        <div className="summary-card">
          <dt>Mean score</dt>
          <dd>
            <span className="summary-card__value">
              {summary.meanScore === null ? "–" : formatScore(summary.meanScore)}
            </span>{" "}
            out of 100
          </dd>
          <dd className="summary-card__note">
            {summary.locked} locked, {summary.manual} changed by hand
          </dd>
        </div>
        <div className="summary-card">
          <dt>Certified optimal</dt>
          <dd>
            <span className="summary-card__value">{summary.optimal ? "Yes" : "Not proven"}</span>
          </dd>
          <dd className="summary-card__note">
            {summary.optimal
              ? "No allowed matching does better for the objective the run used."
              : `Stopped early; at most ${Math.ceil(summary.gap)} points of the objective may be missing.`}
          </dd>
        </div>
      </dl>
      {summary.locksDropped > 0 ? (
        <p className="field__hint">
          {summary.locksDropped} locked {summary.locksDropped === 1 ? "pair" : "pairs"} no longer fitted
          (someone left, got a mentor or a mentor's capacity fell) and{" "}
          {summary.locksDropped === 1 ? "was" : "were"} not kept.
        </p>
      ) : null}
      <ScoreDistribution buckets={summary.distribution} />
    </section>
  );
}

function ScoreDistribution({ buckets }: { buckets: ScoreBucket[] }) {
  const most = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const range = (bucket: ScoreBucket) => `${formatScore(bucket.from)}–${formatScore(bucket.to)}`;
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0);
  return (
    <figure className="histogram" aria-labelledby="distribution-caption">
      <figcaption id="distribution-caption">
        Score distribution of the {total} pairs (scores out of 100)
      </figcaption>
      <div className="histogram__bars" aria-hidden="true">
        {buckets.map((bucket) => (
          <div key={bucket.from} className="histogram__column">
            <span className="histogram__count">{bucket.count}</span>
            <div className="histogram__bar" style={{ height: `${(bucket.count / most) * 100}%` }} />
            <span className="histogram__label">{formatScore(bucket.from)}</span>
          </div>
        ))}
      </div>
      <details className="histogram__table">
        <summary>Show the distribution as a table</summary>
        <table className="data-table data-table--plain">
          <caption className="visually-hidden">Pairs by score</caption>
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Pairs</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.from}>
                <th scope="row">{range(bucket)}</th>
                <td>{bucket.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
