import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { topic } from "../../../contracts/realtime.ts";
import {
  SESSION_FORMATS,
  type Session,
  type SessionDetail,
  type SessionFormat,
} from "../../../contracts/sessions.ts";
import { ApiError, describeError, isApiError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { BookingDialog } from "./booking-dialog.tsx";
import { ReasonDialog } from "./reason-dialog.tsx";
import { sessionKeys, useRefreshSessions } from "./session-api.ts";
import { ActionItemsCard, AgendaCard, CarriedOverCard, NotesCard } from "./session-content.tsx";
import {
  FORMAT_LABEL,
  firstName,
  othersOf,
  STATUS_LABEL,
  STATUS_TONE,
  sessionWhen,
  withWords,
  zoneLabel,
} from "./session-format.ts";
import "./sessions.css";

/** One session: when (my zone and theirs), its state and what I may do, agenda, notes, follow-ups. */
export default function SessionPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const { sessionId = "" } = useParams();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: sessionKeys.one(orgId, sessionId),
    queryFn: () => api.call("getSession", { params: { orgId, sessionId } }),
    enabled: Boolean(orgId && sessionId),
    staleTime: 0,
  });
  const relationshipId = detail.data?.session.relationshipId;
  // The other side's changes show without a reload: pushes about the pair, or about me.
  useRealtime(
    [relationshipId ? topic("relationship", relationshipId) : null, topic("user", me.user.id)],
    () => {
      void client.invalidateQueries({ queryKey: sessionKeys.one(orgId, sessionId) });
    },
  );

  if (detail.isPending) {
    return (
      <>
        <PageHeader title="Session" />
        <Loading label="Loading the session…" />
      </>
    );
  }
  if (detail.isError) {
    return (
      <>
        <PageHeader title="Session" />
        {isApiError(detail.error, "not_found") || isApiError(detail.error, "validation_failed") ? (
          <EmptyState
            title="Session not found"
            actions={
              <Link to={paths.sessions} className="button button--secondary">
                Back to My sessions
              </Link>
            }
          >
            <p>It does not exist in this organisation, or it is not one of yours.</p>
          </EmptyState>
        ) : (
          <Alert tone="error">{describeError(detail.error)}</Alert>
        )}
      </>
    );
  }
  return <SessionView orgId={orgId} viewerId={me.user.id} detail={detail.data} />;
}

function SessionView({
  orgId,
  viewerId,
  detail,
}: {
  orgId: string;
  viewerId: string;
  detail: SessionDetail;
}) {
  const { session, timeZone } = detail;
  const isManager = session.viewer.role === "admin";
  const others = othersOf(session, viewerId);
  const title = isManager
    ? `Session: ${session.attendees.map((person) => person.name).join(" and ")}`
    : `Session ${withWords(session, viewerId)}`;
  return (
    <>
      <Link
        to={
          session.relationshipId
            ? to(paths.relationship, { relationshipId: session.relationshipId })
            : paths.sessions
        }
        className="back-link"
      >
        <span aria-hidden="true">←</span> {session.relationshipId ? "The relationship" : "My sessions"}
      </Link>
      <PageHeader
        title={title}
        description={
          isManager
            ? `${session.programme.name}. You see the time, state and notes shared with coordinators; the agenda and other notes stay with the pair.`
            : session.programme.name
        }
      />
      <div className="session-layout">
        <Card title="When and how">
          <dl className="facts">
            <div>
              <dt>State</dt>
              <dd>
                <span className={`badge ${STATUS_TONE[session.status]}`}>{STATUS_LABEL[session.status]}</span>
                {session.status === "proposed" ? (
                  <span className="muted">
                    {" "}
                    {session.viewer.mustAnswer
                      ? "waiting for your answer"
                      : `waiting for ${others.map((person) => firstName(person.name)).join(" and ")} to accept`}
                  </span>
                ) : null}
              </dd>
            </div>
            <div>
              <dt>{isManager ? "Time" : "Your time"}</dt>
              <dd>
                {sessionWhen(session.startsAt, session.endsAt, timeZone)}{" "}
                <span className="muted">({zoneLabel(timeZone)})</span>
              </dd>
            </div>
            {(isManager ? session.attendees : others).map((person) => (
              <div key={person.userId}>
                <dt>{isManager ? `${person.name}'s time` : `${firstName(person.name)}'s time`}</dt>
                <dd>
                  {sessionWhen(session.startsAt, session.endsAt, person.timeZone)}{" "}
                  <span className="muted">({zoneLabel(person.timeZone)})</span>
                </dd>
              </div>
            ))}
            <div>
              <dt>How</dt>
              <dd>
                {FORMAT_LABEL[session.format]}
                {session.format === "video" && session.videoUrl && !isManager ? (
                  <>
                    {": "}
                    <a href={session.videoUrl} target="_blank" rel="noreferrer noopener">
                      join the call
                    </a>
                  </>
                ) : null}
                {session.location && !isManager ? `: ${session.location}` : null}
              </dd>
            </div>
            {session.status === "cancelled" ? (
              <div>
                <dt>Cancelled</dt>
                <dd>
                  {session.cancelledByName ? `By ${session.cancelledByName}` : "Cancelled"}
                  {session.cancelledLate ? " (late)" : ""}
                  {session.cancelReason ? `: ${session.cancelReason}` : ""}
                </dd>
              </div>
            ) : null}
            {session.status === "held" || session.status === "no_show" ? (
              <div>
                <dt>Recorded</dt>
                <dd>
                  {session.status === "held"
                    ? "Held"
                    : `${
                        session.attendees
                          .filter((person) => session.absentUserIds.includes(person.userId))
                          .map((person) => (person.userId === viewerId ? "You" : person.name))
                          .join(" and ") || "Someone"
                      } did not come`}
                  {session.recordedByName ? `, recorded by ${session.recordedByName}` : ""}
                </dd>
              </div>
            ) : null}
          </dl>
          {isManager ? null : (
            <SessionActions orgId={orgId} viewerId={viewerId} session={session} timeZone={timeZone} />
          )}
        </Card>
        {isManager ? null : <AgendaCard orgId={orgId} viewerId={viewerId} detail={detail} />}
        {isManager ? null : <CarriedOverCard detail={detail} viewerId={viewerId} />}
        <NotesCard orgId={orgId} detail={detail} viewerId={viewerId} />
        {isManager ? null : <ActionItemsCard orgId={orgId} detail={detail} viewerId={viewerId} />}
      </div>
    </>
  );
}

type Dialog = "decline" | "cancel" | "held" | "no_show" | "move" | "details" | null;

/** What I may do with the session now: answer a proposal, move, cancel, or record what happened. */
function SessionActions({
  orgId,
  viewerId,
  session,
  timeZone,
}: {
  orgId: string;
  viewerId: string;
  session: Session;
  timeZone: string;
}) {
  const refresh = useRefreshSessions(orgId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [done, setDone] = useState("");
  const { actions } = session.viewer;
  const params = { orgId, sessionId: session.id };
  const others = othersOf(session, viewerId);
  const otherNames = others.map((person) => firstName(person.name)).join(" and ") || "the other side";

  const change = useMutation({
    mutationFn: async (input: {
      kind: "accept" | "decline" | "cancel" | "held" | "no_show";
      reason?: string;
    }) => {
      const version = session.version;
      switch (input.kind) {
        case "accept":
          return api.call("acceptSession", { params, body: { version } });
        case "decline":
          return api.call("declineSession", {
            params,
            body: { version, ...(input.reason ? { reason: input.reason } : {}) },
          });
        case "cancel":
          return api.call("cancelSession", { params, body: { version, reason: input.reason ?? "" } });
        default:
          return api.call("recordSessionOutcome", { params, body: { version, outcome: input.kind } });
      }
    },
    onSuccess: (updated, input) => {
      setDialog(null);
      setDone(
        input.kind === "accept"
          ? "You accepted the time. It is confirmed."
          : input.kind === "decline"
            ? "You declined the time."
            : input.kind === "cancel"
              ? `The session is cancelled${updated.cancelledLate ? " (recorded as late)" : ""}.`
              : input.kind === "held"
                ? "Recorded as held."
                : `Recorded that ${otherNames} did not come.`,
      );
      refresh();
    },
    onError: (error) => {
      // Someone changed it meanwhile (stale version): show the session as it is now.
      if (isApiError(error, "conflict")) refresh();
    },
  });

  // The programme's late-cancel window: from `lateCancelAfter` on, a cancellation counts as late.
  const lateWords =
    new Date(session.lateCancelAfter).getTime() <= Date.now()
      ? "It is now inside the programme's late-cancel window: cancelling will be recorded as late."
      : `Cancelling from ${sessionWhen(session.lateCancelAfter, session.lateCancelAfter, timeZone).split("–")[0]} (${zoneLabel(timeZone)}) on counts as late; now it does not.`;

  const started = new Date(session.startsAt).getTime() <= Date.now();
  const mustAnswer = session.viewer.mustAnswer;
  const canMove = actions.includes("reschedule");
  const buttons = [
    mustAnswer && actions.includes("accept") ? (
      <Button
        key="accept"
        busy={change.isPending && change.variables?.kind === "accept"}
        busyLabel="Accepting…"
        onClick={() => change.mutate({ kind: "accept" })}
      >
        Accept this time
      </Button>
    ) : null,
    mustAnswer && actions.includes("decline") ? (
      <Button key="decline" variant="secondary" onClick={() => setDialog("decline")}>
        Decline
      </Button>
    ) : null,
    canMove ? (
      <Button key="move" variant="secondary" onClick={() => setDialog("move")}>
        {mustAnswer ? "Propose another time" : "Reschedule"}
      </Button>
    ) : null,
    actions.includes("hold") ? (
      <Button key="held" onClick={() => setDialog("held")}>
        Mark as held
      </Button>
    ) : null,
    actions.includes("miss") ? (
      <Button key="miss" variant="secondary" onClick={() => setDialog("no_show")}>
        {`${otherNames} did not come`}
      </Button>
    ) : null,
    canMove ? (
      <Button key="details" variant="ghost" onClick={() => setDialog("details")}>
        Change how you meet
      </Button>
    ) : null,
    actions.includes("cancel") ? (
      <Button key="cancel" variant="danger" onClick={() => setDialog("cancel")}>
        Cancel the session
      </Button>
    ) : null,
  ].filter(Boolean);

  return (
    <div className="session-actions">
      <LiveRegion>{done}</LiveRegion>
      {change.isError && dialog === null ? <Alert tone="error">{describeError(change.error)}</Alert> : null}
      {buttons.length > 0 ? <div className="form-actions">{buttons}</div> : null}
      {dialog === "details" ? (
        <DetailsForm orgId={orgId} session={session} onDone={() => setDialog(null)} />
      ) : null}
      {!started && session.status === "confirmed" ? (
        <p className="muted">After it starts you can mark it held, or that {otherNames} did not come.</p>
      ) : null}
      <ReasonDialog
        open={dialog === "decline"}
        title="Decline this time?"
        confirmLabel="Decline"
        busyLabel="Declining…"
        tone="danger"
        busy={change.isPending}
        error={dialog === "decline" ? change.error : null}
        reason={{ label: "Why (they will see it)", required: false }}
        onConfirm={(reason) => change.mutate({ kind: "decline", reason })}
        onClose={() => setDialog(null)}
      >
        <p>{otherNames} will be told. You can propose another time instead.</p>
      </ReasonDialog>
      <ReasonDialog
        open={dialog === "cancel"}
        title="Cancel this session?"
        confirmLabel="Cancel the session"
        busyLabel="Cancelling…"
        tone="danger"
        busy={change.isPending}
        error={dialog === "cancel" ? change.error : null}
        reason={{ label: "Reason (they will see it)", required: true, hint: "At least 3 characters." }}
        onConfirm={(reason) => change.mutate({ kind: "cancel", reason })}
        onClose={() => setDialog(null)}
      >
        <p>
          {sessionWhen(session.startsAt, session.endsAt, timeZone)} ({zoneLabel(timeZone)}). {otherNames} will
          be told, and calendars updated.
        </p>
        <Alert tone={new Date(session.lateCancelAfter).getTime() <= Date.now() ? "warning" : "info"}>
          {lateWords}
        </Alert>
      </ReasonDialog>
      <ReasonDialog
        open={dialog === "held"}
        title="Mark this session as held?"
        confirmLabel="Mark as held"
        busyLabel="Saving…"
        busy={change.isPending}
        error={dialog === "held" ? change.error : null}
        onConfirm={() => change.mutate({ kind: "held" })}
        onClose={() => setDialog(null)}
      >
        <p>It counts towards the hours you log. Add follow-ups below afterwards.</p>
      </ReasonDialog>
      <ReasonDialog
        open={dialog === "no_show"}
        title={`Record that ${otherNames} did not come?`}
        confirmLabel="Record it"
        busyLabel="Saving…"
        tone="danger"
        busy={change.isPending}
        error={dialog === "no_show" ? change.error : null}
        onConfirm={() => change.mutate({ kind: "no_show" })}
        onClose={() => setDialog(null)}
      >
        <p>The programme's coordinators see missed sessions in their counts.</p>
      </ReasonDialog>
      {canMove && session.relationshipId ? (
        <BookingDialog
          orgId={orgId}
          viewerId={viewerId}
          mode={{ kind: "reschedule", session, relationshipId: session.relationshipId }}
          open={dialog === "move"}
          onClose={() => setDialog(null)}
        />
      ) : null}
    </div>
  );
}

/** How the session is held: format, and the place or the call's link. */
function DetailsForm({ orgId, session, onDone }: { orgId: string; session: Session; onDone: () => void }) {
  const refresh = useRefreshSessions(orgId);
  const [format, setFormat] = useState<SessionFormat>(session.format);
  const [location, setLocation] = useState(session.location ?? "");
  const [videoUrl, setVideoUrl] = useState(session.videoUrl ?? "");
  const save = useMutation({
    mutationFn: () =>
      api.call("updateSessionDetails", {
        params: { orgId, sessionId: session.id },
        body: {
          version: session.version,
          format,
          location: format === "video" ? null : location.trim() || null,
          videoUrl: format === "video" ? videoUrl.trim() || null : null,
        },
      }),
    onSuccess: () => {
      refresh();
      onDone();
    },
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const placed = ["format", "location", "videoUrl"];
  return (
    <form
      noValidate
      className="stack details-form"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <fieldset className="fieldset">
        <legend>How you will meet</legend>
        <div className="choice-row">
          {SESSION_FORMATS.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="format"
                value={option}
                checked={format === option}
                onChange={() => setFormat(option)}
              />
              {FORMAT_LABEL[option]}
            </label>
          ))}
        </div>
      </fieldset>
      {format === "video" ? (
        <Field
          label="Link to the call (optional)"
          name="videoUrl"
          type="url"
          value={videoUrl}
          onChange={(event) => setVideoUrl(event.target.value)}
          error={errors.videoUrl}
        />
      ) : (
        <Field
          label={format === "in_person" ? "Where" : "Phone number (optional)"}
          name="location"
          value={location}
          maxLength={300}
          onChange={(event) => setLocation(event.target.value)}
          error={errors.location}
        />
      )}
      {save.isError && !Object.keys(errors).some((name) => placed.includes(name)) ? (
        <Alert tone="error">{describeError(save.error)}</Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
