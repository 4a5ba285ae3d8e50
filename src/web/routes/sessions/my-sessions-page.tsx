import { useState } from "react";
import { Link } from "react-router";
import { topic } from "../../../contracts/realtime.ts";
import type { Session } from "../../../contracts/sessions.ts";
import { describeError } from "../../api/api-error.ts";
import { useMe } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Loading, PageHeader } from "../../components/page.tsx";
import { SegmentedChoice } from "../../components/segmented-choice.tsx";
import { useMySessions } from "./session-api.ts";
import {
  FORMAT_LABEL,
  othersOf,
  STATUS_LABEL,
  STATUS_TONE,
  sessionWhen,
  theirTime,
  withWords,
  zoneLabel,
} from "./session-format.ts";
import { WeekView } from "./week-view.tsx";
import "./sessions.css";

type View = "upcoming" | "past" | "week";

/** My sessions across programmes: upcoming, past, and a week at a glance, in my profile zone. */
export default function MySessionsPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const [view, setView] = useState<View>("upcoming");
  useRealtime([topic("user", me.user.id)]);
  return (
    <>
      <PageHeader
        title="My sessions"
        description="Your mentoring sessions in every programme."
        actions={
          <Link to={paths.scheduling} className="button button--secondary">
            My availability
          </Link>
        }
      />
      <SegmentedChoice
        legend="Show"
        options={[
          { value: "upcoming", label: "Upcoming" },
          { value: "past", label: "Past" },
          { value: "week", label: "Week" },
        ]}
        value={view}
        onChange={setView}
      />
      <div className="sessions-view">
        {view === "week" ? (
          <WeekView orgId={orgId} viewerId={me.user.id} />
        ) : (
          <SessionList orgId={orgId} viewerId={me.user.id} when={view} />
        )}
      </div>
    </>
  );
}

function SessionList({
  orgId,
  viewerId,
  when,
}: {
  orgId: string;
  viewerId: string;
  when: "upcoming" | "past";
}) {
  const list = useMySessions(orgId, { when, limit: 100 });
  if (list.isPending) return <Loading label="Loading your sessions…" />;
  if (list.isError) return <Alert tone="error">{describeError(list.error)}</Alert>;
  const { sessions, timeZone } = list.data;
  if (sessions.length === 0) {
    return (
      <div className="empty-state">
        <h2 className="empty-state__title">
          {when === "upcoming" ? "No sessions booked" : "No past sessions yet"}
        </h2>
        <div className="empty-state__text">
          <p>
            {when === "upcoming"
              ? "Open one of your relationships and choose “Book a session” to find a time when you are both free."
              : "Sessions you have had, cancelled or missed will be listed here."}
          </p>
        </div>
        {when === "upcoming" ? (
          <div className="empty-state__actions">
            <Link to={paths.mentoring} className="button button--primary">
              Go to My mentoring
            </Link>
          </div>
        ) : null}
      </div>
    );
  }
  return (
    <>
      <p className="muted">Times in {zoneLabel(timeZone)} (your profile's zone).</p>
      <ul className="item-list" aria-label={when === "upcoming" ? "Upcoming sessions" : "Past sessions"}>
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} viewerId={viewerId} timeZone={timeZone} />
        ))}
      </ul>
    </>
  );
}

export function SessionRow({
  session,
  viewerId,
  timeZone,
}: {
  session: Session;
  viewerId: string;
  timeZone: string;
}) {
  const others = othersOf(session, viewerId);
  return (
    <li className="item-list__item">
      <div className="item-list__main">
        <p className="item-list__title">
          <Link to={to(paths.session, { sessionId: session.id })}>
            {sessionWhen(session.startsAt, session.endsAt, timeZone)}
          </Link>
          <span className={`badge ${STATUS_TONE[session.status]}`}>{STATUS_LABEL[session.status]}</span>
          {session.viewer.mustAnswer ? (
            <span className="badge badge--warning">Your answer needed</span>
          ) : null}
        </p>
        <p className="item-list__meta">
          {withWords(session, viewerId)} · {session.programme.name} · {FORMAT_LABEL[session.format]}
          {others.length > 0
            ? ` · ${others.map((person) => theirTime(session.startsAt, timeZone, person)).join(" · ")}`
            : ""}
        </p>
      </div>
    </li>
  );
}
