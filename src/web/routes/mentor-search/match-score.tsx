import type { CriterionScore } from "../../../contracts/mentor-search.ts";

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The match score as a bar and in words (0..10,000 shown as a percentage). */
export function ScoreBar({ score }: { score: number }) {
  const percent = Math.round(score / 100);
  return (
    <div className="score">
      <span className="score__label">Match {percent}%</span>
      <span className="score__track" aria-hidden="true">
        <span className="score__fill" style={{ width: `${percent}%` }} />
      </span>
    </div>
  );
}

/** Each criterion of the programme: how well this pair meets it, and what it adds to the score. */
export function WhyList({ why }: { why: readonly CriterionScore[] }) {
  return (
    <ul className="why-list">
      {why.map((item) => (
        <li
          key={item.criterion}
          className={item.passed ? "why-list__item" : "why-list__item why-list__item--failed"}
        >
          <span aria-hidden="true" className="why-list__mark">
            {item.passed ? (item.value > 0 ? "✓" : "–") : "✕"}
          </span>
          <span className="why-list__text">
            {sentence(item.criterion)}
            {item.hard ? (item.passed ? " (must-have, met)" : " (must-have, not met)") : null}
          </span>
          {item.weight > 0 ? (
            <span className="why-list__points">
              {Math.round(item.value / 100)}% · +{Math.round(item.points / 100)}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
