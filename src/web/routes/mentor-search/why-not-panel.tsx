import { describeError, isApiError } from "../../api/api-error.ts";
import { Alert } from "../../components/alert.tsx";
import { Loading } from "../../components/page.tsx";
import { useWhyNot } from "./mentor-search-api.ts";
import { ScoreBar, WhyList } from "./match-score.tsx";

/** "Why (not) this mentor?": the matcher's rules, room, earlier pairs, and where they stand for me. */
export function WhyNotPanel({
  orgId,
  programmeId,
  mentorId,
  name,
}: {
  orgId: string;
  programmeId: string;
  mentorId: string;
  name: string;
}) {
  const why = useWhyNot(orgId, programmeId, mentorId, true);
  if (why.isPending) return <Loading label={`Checking how you match with ${name}…`} />;
  if (why.isError) {
    if (isApiError(why.error, "forbidden"))
      return <Alert tone="info">Match details are for mentees of this programme.</Alert>;
    return <Alert tone="error">{describeError(why.error)}</Alert>;
  }
  const { eligible, rank, score, reasons } = why.data;
  const blocking = reasons.filter((reason) => reason.code !== "already_requested");
  return (
    <div className="why-not" aria-live="polite">
      <p className="why-not__verdict">
        {eligible
          ? `${name} is a possible mentor for you: number ${rank} of your matches.`
          : `${name} is not among your possible mentors.`}
      </p>
      {reasons.length > 0 ? (
        <ul className="why-not__reasons">
          {reasons.map((reason) => (
            <li key={reason.code + reason.message}>{reason.message}</li>
          ))}
        </ul>
      ) : null}
      {score !== null && blocking.every((reason) => reason.code === "no_capacity") ? (
        <ScoreBar score={score} />
      ) : null}
      {why.data.why.length > 0 ? <WhyList why={why.data.why} /> : null}
    </div>
  );
}
