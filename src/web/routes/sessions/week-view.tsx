import { useState } from "react";
import { Link } from "react-router";
import type { Session } from "../../../contracts/sessions.ts";
import { describeError } from "../../api/api-error.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Loading } from "../../components/page.tsx";
import { useMySessions } from "./session-api.ts";
import {
  addWeeks,
  clock,
  fullDay,
  localDay,
  othersOf,
  STATUS_LABEL,
  shortDay,
  today,
  weekDays,
  weekStart,
  zoneLabel,
} from "./session-format.ts";

/**
 * A week of my sessions across programmes: seven columns of local days in my profile zone, today
 * marked, previous and next week as buttons (and Alt+Left/Right while focus is inside).
 */
export function WeekView({ orgId, viewerId }: { orgId: string; viewerId: string }) {
  // The zone comes with the answer; until then the browser's guess frames the first week.
  const [monday, setMonday] = useState<string | null>(null);
  const [zone, setZone] = useState<string>(() => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  const start = monday ?? weekStart(today(zone));
  const { days, from, to: until } = weekDays(start, zone);
  const list = useMySessions(orgId, { from, to: until, limit: 200 });
  const listZone = list.data?.timeZone;
  if (listZone && listZone !== zone) setZone(listZone);
  const shift = (weeks: number) => setMonday(addWeeks(start, weeks));
  const todayDay = today(zone);

  const byDay = new Map<string, Session[]>();
  for (const session of list.data?.sessions ?? []) {
    const day = localDay(session.startsAt, zone);
    byDay.set(day, [...(byDay.get(day) ?? []), session]);
  }

  return (
    <section
      className="week"
      aria-labelledby="week-title"
      onKeyDown={(event) => {
        if (!event.altKey) return;
        if (event.key === "ArrowLeft") {
          event.preventDefault();
          shift(-1);
        } else if (event.key === "ArrowRight") {
          event.preventDefault();
          shift(1);
        }
      }}
    >
      <div className="week__bar">
        <h2 id="week-title" className="week__title" aria-live="polite">
          Week of {fullDay(days[0] ?? start)}
        </h2>
        <div className="week__nav">
          <Button variant="secondary" size="small" onClick={() => shift(-1)}>
            <span aria-hidden="true">←</span> Previous week
          </Button>
          <Button variant="ghost" size="small" onClick={() => setMonday(null)} disabled={!monday}>
            This week
          </Button>
          <Button variant="secondary" size="small" onClick={() => shift(1)}>
            Next week <span aria-hidden="true">→</span>
          </Button>
        </div>
      </div>
      <p className="muted">
        Times in {zoneLabel(zone)} (your profile's zone). Alt+← and Alt+→ change the week.
      </p>
      {list.isError ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.isPending ? <Loading label="Loading the week…" /> : null}
      <ol className="week__days">
        {days.map((day) => {
          const sessions = byDay.get(day) ?? [];
          const isToday = day === todayDay;
          return (
            <li
              key={day}
              className={`week__day${isToday ? " week__day--today" : ""}`}
              aria-current={isToday ? "date" : undefined}
            >
              <h3 className="week__day-title">
                {shortDay(day)}
                {isToday ? <span className="badge badge--info">Today</span> : null}
              </h3>
              {sessions.length === 0 ? (
                <p className="week__empty muted">
                  <span className="visually-hidden">No sessions</span>
                  <span aria-hidden="true">—</span>
                </p>
              ) : (
                <ul className="week__sessions">
                  {sessions.map((session) => (
                    <li key={session.id} className={`week__session week__session--${session.status}`}>
                      <Link to={to(paths.session, { sessionId: session.id })}>
                        {clock(session.startsAt, zone)}–{clock(session.endsAt, zone)}{" "}
                        {othersOf(session, viewerId)
                          .map((person) => person.name)
                          .join(", ")}
                      </Link>
                      <span className="week__meta">
                        {STATUS_LABEL[session.status]} · {session.programme.name}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
      {list.data && list.data.sessions.length === 0 ? <p className="muted">No sessions this week.</p> : null}
    </section>
  );
}
