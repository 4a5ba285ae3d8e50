import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import type { DateOverrideValue, Scheduling } from "../../../contracts/sessions.ts";
import { ApiError, describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { paths } from "../../app/routes.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { Card, Loading, PageHeader } from "../../components/page.tsx";
import { sessionKeys, useRefreshSessions } from "./session-api.ts";
import { fullDay, today, zoneLabel } from "./session-format.ts";
import "./sessions.css";

const DAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const NOTICE_OPTIONS = [0, 60, 120, 240, 720, 1440, 2880, 4320, 10_080];
const BUFFER_OPTIONS = [0, 5, 10, 15, 30, 45, 60, 90, 120];

function minutesWords(minutes: number): string {
  if (minutes === 0) return "None";
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? "" : "s"}`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}`;
  return `${minutes} minutes`;
}

/**
 * My availability for sessions: weekly hours stay on the profile (shown here); this page keeps
 * date overrides (a day off, extra hours on a date), minimum notice and the buffer between sessions.
 */
export default function SchedulingPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const scheduling = useQuery({
    queryKey: sessionKeys.scheduling(orgId),
    queryFn: () => api.call("getMyScheduling", { params: { orgId } }),
    enabled: Boolean(orgId),
  });
  return (
    <>
      <Link to={paths.sessions} className="back-link">
        <span aria-hidden="true">←</span> My sessions
      </Link>
      <PageHeader
        title="My availability"
        description="When people can book sessions with you. Weekly hours are on your profile; days off, extra hours, notice and breaks are here."
      />
      {scheduling.isPending ? (
        <Loading label="Loading your availability…" />
      ) : scheduling.isError ? (
        <Alert tone="error">{describeError(scheduling.error)}</Alert>
      ) : (
        <SchedulingForm orgId={orgId} scheduling={scheduling.data} />
      )}
    </>
  );
}

function SchedulingForm({ orgId, scheduling }: { orgId: string; scheduling: Scheduling }) {
  const refresh = useRefreshSessions(orgId);
  const [overrides, setOverrides] = useState<DateOverrideValue[]>(scheduling.overrides);
  const [notice, setNotice] = useState(scheduling.minimumNoticeMinutes);
  const [buffer, setBuffer] = useState(scheduling.bufferMinutes);
  const [saved, setSaved] = useState("");
  const save = useMutation({
    mutationFn: (next: { overrides: DateOverrideValue[] }) =>
      api.call("updateMyScheduling", {
        params: { orgId },
        body: { overrides: next.overrides, minimumNoticeMinutes: notice, bufferMinutes: buffer },
      }),
    onSuccess: (result) => {
      setOverrides(result.overrides);
      setSaved("Saved.");
      refresh();
    },
    onError: () => setSaved(""),
  });
  const errors = save.error instanceof ApiError ? save.error.fieldErrors() : {};
  const overrideErrors = Object.entries(errors).filter(([name]) => name.startsWith("overrides"));
  const zone = scheduling.timeZone;

  const weekly = [...scheduling.weekly].sort((a, b) => a.day - b.day || a.start.localeCompare(b.start));
  const noticeOptions = NOTICE_OPTIONS.includes(notice)
    ? NOTICE_OPTIONS
    : [...NOTICE_OPTIONS, notice].sort((a, b) => a - b);
  const bufferOptions = BUFFER_OPTIONS.includes(buffer)
    ? BUFFER_OPTIONS
    : [...BUFFER_OPTIONS, buffer].sort((a, b) => a - b);

  return (
    <div className="stack">
      <LiveRegion>{saved}</LiveRegion>
      <Card title="Weekly hours">
        <p className="muted">In {zoneLabel(zone)}, your profile's zone.</p>
        {weekly.length === 0 ? (
          <p>You have no weekly hours yet, so nobody can find a time with you.</p>
        ) : (
          <ul className="plain-list" aria-label="Weekly hours">
            {weekly.map((slot) => (
              <li key={`${slot.day}-${slot.start}`}>
                {DAY_NAMES[slot.day]} {slot.start}–{slot.end}
              </li>
            ))}
          </ul>
        )}
        <Link to={paths.profile}>Change weekly hours or zone on your profile</Link>
      </Card>

      <Card title="Notice and breaks">
        <form
          noValidate
          className="stack"
          onSubmit={(event) => {
            event.preventDefault();
            setSaved("");
            save.mutate({ overrides });
          }}
        >
          <SelectField
            label="Minimum notice"
            name="minimumNoticeMinutes"
            value={notice}
            onChange={(event) => setNotice(Number(event.target.value))}
            error={errors.minimumNoticeMinutes}
          >
            {noticeOptions.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutesWords(minutes)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Break between sessions"
            name="bufferMinutes"
            value={buffer}
            onChange={(event) => setBuffer(Number(event.target.value))}
            error={errors.bufferMinutes}
          >
            {bufferOptions.map((minutes) => (
              <option key={minutes} value={minutes}>
                {minutesWords(minutes)}
              </option>
            ))}
          </SelectField>
          <div className="form-actions">
            <Button type="submit" busy={save.isPending} busyLabel="Saving…">
              Save notice and breaks
            </Button>
          </div>
        </form>
      </Card>

      <Card title="Date overrides">
        <p className="muted">
          A date here replaces that date's weekly hours: a day off, or different hours (in {zoneLabel(zone)}).
        </p>
        {overrides.length === 0 ? (
          <p>No date overrides.</p>
        ) : (
          <ul className="item-list" aria-label="Date overrides">
            {[...overrides]
              .sort((a, b) => a.date.localeCompare(b.date))
              .map((override) => (
                <li key={override.date} className="item-list__item">
                  <div className="item-list__main">
                    <p className="item-list__title">{fullDay(override.date)}</p>
                    <p className="item-list__meta">
                      {override.slots.length === 0
                        ? "Day off"
                        : override.slots.map((slot) => `${slot.start}–${slot.end}`).join(", ")}
                    </p>
                  </div>
                  <div className="item-list__actions">
                    <Button
                      size="small"
                      variant="ghost"
                      onClick={() =>
                        save.mutate({ overrides: overrides.filter((item) => item.date !== override.date) })
                      }
                    >
                      Remove<span className="visually-hidden"> the override of {fullDay(override.date)}</span>
                    </Button>
                  </div>
                </li>
              ))}
          </ul>
        )}
        {overrideErrors.length > 0 ? (
          <Alert tone="error">{overrideErrors.map(([, message]) => message).join(" ")}</Alert>
        ) : null}
        <OverrideForm
          zone={zone}
          busy={save.isPending}
          onAdd={(override) =>
            save.mutate({ overrides: [...overrides.filter((item) => item.date !== override.date), override] })
          }
        />
        {save.isError &&
        overrideErrors.length === 0 &&
        !errors.minimumNoticeMinutes &&
        !errors.bufferMinutes ? (
          <Alert tone="error">{describeError(save.error)}</Alert>
        ) : null}
      </Card>
    </div>
  );
}

function OverrideForm({
  zone,
  busy,
  onAdd,
}: {
  zone: string;
  busy: boolean;
  onAdd: (override: DateOverrideValue) => void;
}) {
  const [date, setDate] = useState("");
  const [kind, setKind] = useState<"off" | "hours">("off");
  const [start, setStart] = useState("09:00");
  const [end, setEnd] = useState("17:00");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) problems.date = "is required";
    else if (date < today(zone)) problems.date = "is in the past";
    if (kind === "hours" && !(start < end || end === "00:00")) problems.end = "must be after the start";
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    onAdd({
      date,
      slots: kind === "off" ? [] : [{ start, end: end === "00:00" ? "24:00" : end }],
    });
  };
  return (
    <form noValidate onSubmit={submit} className="override-form">
      <h3 className="card__subtitle">Add a date</h3>
      <Field
        label="Date"
        name="date"
        type="date"
        value={date}
        onChange={(event) => setDate(event.target.value)}
        error={errors.date}
      />
      <fieldset className="fieldset">
        <legend>On that date</legend>
        <div className="choice-row">
          <label className="choice">
            <input type="radio" name="kind" checked={kind === "off"} onChange={() => setKind("off")} />
            Day off
          </label>
          <label className="choice">
            <input type="radio" name="kind" checked={kind === "hours"} onChange={() => setKind("hours")} />
            These hours instead
          </label>
        </div>
      </fieldset>
      {kind === "hours" ? (
        <div className="booking-form__row">
          <Field
            label="From"
            name="start"
            type="time"
            step={900}
            value={start}
            onChange={(event) => setStart(event.target.value)}
          />
          <Field
            label="Until"
            name="end"
            type="time"
            step={900}
            value={end}
            onChange={(event) => setEnd(event.target.value)}
            error={errors.end}
          />
        </div>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="secondary" busy={busy} busyLabel="Saving…">
          Add the date
        </Button>
      </div>
    </form>
  );
}
