import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { Relationship } from "../../../contracts/relationships.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card } from "../../components/page.tsx";
import { AgreementForm } from "./agreement-form.tsx";
import { useRefreshRelationships } from "./relationship-queries.ts";
import { CADENCE_LABEL, FORMAT_LABEL, formatDay, minutesInWords } from "./relationship-words.ts";

/**
 * The agreement: its terms, who has confirmed which version, a confirm button for the viewer, and
 * the form to change it. Managers see the terms without the pair's goals and confidentiality text.
 */
export function AgreementCard({ orgId, relationship }: { orgId: string; relationship: Relationship }) {
  const { agreement, viewer } = relationship;
  const refresh = useRefreshRelationships(orgId);
  const [editing, setEditing] = useState(false);
  const [said, setSaid] = useState("");
  const confirm = useMutation({
    mutationFn: () =>
      api.call("confirmAgreement", {
        params: { orgId, relationshipId: relationship.id },
        body: { version: agreement.version },
      }),
    onSuccess: (next) => {
      setSaid(
        next.status === "active" && relationship.status === "proposed"
          ? "You both confirmed: your mentoring has started."
          : `You confirmed version ${agreement.version}.`,
      );
      refresh();
    },
    onError: (error) => {
      if (isApiError(error, "conflict")) refresh();
    },
  });
  const isParticipant = viewer.role !== "admin";
  const confirmedBy = (side: "mentee" | "mentor") =>
    side === "mentee" ? agreement.confirmedByMentee : agreement.confirmedByMentor;

  return (
    <Card title="Agreement">
      <LiveRegion>{said}</LiveRegion>
      <p className="muted">
        Version {agreement.version}
        {agreement.updatedByName ? `, last changed by ${agreement.updatedByName}` : ""}.
      </p>
      <ul className="confirmations" aria-label="Confirmations">
        {(["mentee", "mentor"] as const).map((side) => {
          const person = side === "mentee" ? relationship.mentee : relationship.mentor;
          const confirmedVersion =
            side === "mentee" ? agreement.menteeConfirmedVersion : agreement.mentorConfirmedVersion;
          return (
            <li key={side}>
              <span className={`badge ${confirmedBy(side) ? "badge--success" : "badge--warning"}`}>
                {confirmedBy(side) ? "Confirmed" : "Not confirmed"}
              </span>
              <span>
                {person.name} ({side})
                {!confirmedBy(side) && confirmedVersion
                  ? `: confirmed version ${confirmedVersion} before`
                  : ""}
              </span>
            </li>
          );
        })}
      </ul>
      {viewer.mustConfirm && !editing ? (
        <div className="stack">
          <Alert tone="warning" title="Your confirmation is needed">
            <p>
              {relationship.status === "proposed"
                ? "Read the agreement below. Your mentoring starts when you have both confirmed it."
                : "The agreement changed. The new terms apply once you have both confirmed them."}
            </p>
          </Alert>
          <div className="form-actions">
            <Button busy={confirm.isPending} busyLabel="Confirming…" onClick={() => confirm.mutate()}>
              Confirm version {agreement.version}
            </Button>
          </div>
        </div>
      ) : null}
      {confirm.isError ? <Alert tone="error">{describeError(confirm.error)}</Alert> : null}

      {editing ? (
        <AgreementForm
          orgId={orgId}
          relationship={relationship}
          onDone={(message) => {
            setEditing(false);
            setSaid(message);
          }}
        />
      ) : (
        <>
          <dl className="facts agreement-terms">
            <div>
              <dt>Meetings</dt>
              <dd>{CADENCE_LABEL[agreement.cadence]}</dd>
            </div>
            <div>
              <dt>Formats</dt>
              <dd>{agreement.formats.map((format) => FORMAT_LABEL[format]).join(", ")}</dd>
            </div>
            <div>
              <dt>Time commitment</dt>
              <dd>{minutesInWords(agreement.minutesPerMonth)}</dd>
            </div>
            <div>
              <dt>Ends</dt>
              <dd>
                {agreement.endsOn ? formatDay(agreement.endsOn) : "No fixed end"}
                {agreement.endsOn !== relationship.endsOn && relationship.status === "active"
                  ? ` (proposed; agreed: ${relationship.endsOn ? formatDay(relationship.endsOn) : "no fixed end"})`
                  : ""}
              </dd>
            </div>
          </dl>
          {isParticipant ? (
            <>
              <h3 className="card__subtitle">First goals</h3>
              {agreement.firstGoals && agreement.firstGoals.length > 0 ? (
                <ol className="goal-list">
                  {agreement.firstGoals.map((goal, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: goals are plain texts that may repeat
                    <li key={index}>{goal}</li>
                  ))}
                </ol>
              ) : (
                <p className="muted">No goals written yet.</p>
              )}
              <h3 className="card__subtitle">Confidentiality</h3>
              <p className="prewrap">{agreement.confidentiality || "Nothing agreed yet."}</p>
            </>
          ) : (
            <p className="private-note">
              The first goals ({agreement.firstGoalCount}) and the confidentiality terms are private to the
              pair.
            </p>
          )}
          {viewer.mayEditAgreement ? (
            <div className="form-actions">
              <Button variant="secondary" onClick={() => setEditing(true)}>
                {relationship.status === "active" ? "Propose a change" : "Edit the agreement"}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Card>
  );
}
