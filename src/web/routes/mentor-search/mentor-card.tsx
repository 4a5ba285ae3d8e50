import { useId, useState } from "react";
import { Link } from "react-router";
import type { CriterionScore, MentorCard } from "../../../contracts/mentor-search.ts";
import { paths, to } from "../../app/routes.tsx";
import { Button } from "../../components/button.tsx";
import { languageName } from "../profile/profile-format.ts";
import { STATUS_LABELS } from "../requests/request-format.ts";
import { ScoreBar, WhyList } from "./match-score.tsx";
import { WhyNotPanel } from "./why-not-panel.tsx";

const firstName = (name: string) => name.split(" ")[0] || name;
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

interface MentorCardViewProps {
  orgId: string;
  programmeId: string;
  mentor: MentorCard;
  score?: number;
  rank?: number;
  why?: readonly CriterionScore[];
  canRequest: boolean;
  /** Offer "Why (not) this mentor?" (search results; recommendations carry their why). */
  explainable?: boolean;
  onRequest: (mentor: MentorCard) => void;
}

/** A mentor as a card: who they are, room left, how fast they reply, and the way to ask them. */
export function MentorCardView({
  orgId,
  programmeId,
  mentor,
  score,
  rank,
  why,
  canRequest,
  explainable,
  onRequest,
}: MentorCardViewProps) {
  const nameId = useId();
  const [showWhy, setShowWhy] = useState(false);
  const whyId = useId();
  // The headline often says the job already ("Head of people · People"): do not repeat it.
  const place = [mentor.jobTitle, mentor.department]
    .filter((part) => part && !mentor.headline.includes(part))
    .join(", ");
  const full = mentor.remainingCapacity <= 0;
  return (
    <article className="card mentor-card" aria-labelledby={nameId}>
      <header className="mentor-card__header">
        <h3 id={nameId} className="mentor-card__name">
          {rank ? <span className="mentor-card__rank">{rank}. </span> : null}
          {mentor.name}
        </h3>
        {mentor.headline ? <p className="mentor-card__headline">{mentor.headline}</p> : null}
      </header>
      {score !== undefined ? <ScoreBar score={score} /> : null}
      <ul className="mentor-card__facts">
        {place ? <li>{place}</li> : null}
        {mentor.location || mentor.timeZone ? (
          <li>{[mentor.location, mentor.timeZone?.replace(/_/g, " ")].filter(Boolean).join(" · ")}</li>
        ) : null}
        {mentor.languages.length > 0 ? <li>Speaks {mentor.languages.map(languageName).join(", ")}</li> : null}
        <li className={full ? "mentor-card__full" : undefined}>
          {full
            ? "No room for another mentee now"
            : `${mentor.remainingCapacity} of ${mentor.capacity} ${mentor.capacity === 1 ? "place" : "places"} free`}
        </li>
        {mentor.responseTime ? <li>{sentence(mentor.responseTime.label)}</li> : null}
      </ul>
      {mentor.skillsOffered.length > 0 ? (
        <ul className="mentor-card__skills" aria-label={`Skills ${firstName(mentor.name)} offers`}>
          {mentor.skillsOffered.map((item) => (
            <li key={item.skill} className="badge badge--neutral">
              {item.skill}
              <span className="visually-hidden"> level {item.level} of 5</span>
            </li>
          ))}
        </ul>
      ) : null}
      {why && why.length > 0 ? (
        <details className="mentor-card__why">
          <summary>Why {firstName(mentor.name)} is suggested</summary>
          <WhyList why={why} />
        </details>
      ) : null}
      <div className="form-actions">
        {mentor.myRequest ? (
          <Link
            className="button button--secondary"
            to={to(paths.request, { requestId: mentor.myRequest.id })}
          >
            Request sent: {STATUS_LABELS[mentor.myRequest.status].toLowerCase()}
          </Link>
        ) : (
          <Button disabled={!canRequest || full} onClick={() => onRequest(mentor)}>
            Ask {firstName(mentor.name)} to mentor you
          </Button>
        )}
        {explainable ? (
          <Button
            variant="ghost"
            aria-expanded={showWhy}
            aria-controls={whyId}
            onClick={() => setShowWhy((open) => !open)}
          >
            {showWhy ? "Hide the match details" : `How do I match with ${firstName(mentor.name)}?`}
          </Button>
        ) : null}
      </div>
      <div id={whyId} hidden={!showWhy}>
        {showWhy ? (
          <WhyNotPanel orgId={orgId} programmeId={programmeId} mentorId={mentor.userId} name={mentor.name} />
        ) : null}
      </div>
    </article>
  );
}
