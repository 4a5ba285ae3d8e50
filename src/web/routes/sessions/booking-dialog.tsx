import { useMutation, useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useNavigate } from "react-router";
import type { Relationship } from "../../../contracts/relationships.ts";
import {
  SESSION_FORMATS,
  SESSION_LENGTHS,
  type Session,
  type SessionFormat,
  type SlotSearch,
} from "../../../contracts/sessions.ts";
import { cadenceWeeks } from "../../../core/sessions/recurrence.ts";
import { ApiError, describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, phraseError } from "../../components/field.tsx";
import { sessionKeys, useRefreshSessions } from "./session-api.ts";
import {
  clock,
  dayClock,
  FORMAT_LABEL,
  firstName,
  lengthWords,
  localDay,
  longDay,
  sessionWhen,
  theirTime,
  zoneLabel,
} from "./session-format.ts";
import "./sessions.css";

type Mode =
  | { kind: "book"; relationship: Relationship }
  | { kind: "reschedule"; session: Session; relationshipId: string };

interface BookingDialogProps {
  orgId: string;
  viewerId: string;
  mode: Mode;
  open: boolean;
  onClose: () => void;
}

const EVERY_WORDS: Record<1 | 2 | 4, string> = {
  1: "every week",
  2: "every two weeks",
  4: "every four weeks",
};

/**
 * Finding a time and booking it (or, for a booked session, moving it): the next weeks of times
 * when both of the pair are free, grouped by my local day, each with the other's local time
 * beside it. A native modal <dialog>: focus stays inside, Escape closes, focus returns to the
 * button that opened it. The times are one radio group (arrow keys move between them).
 */
export function BookingDialog({ orgId, viewerId, mode, open, onClose }: BookingDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  const title = mode.kind === "book" ? "Book a session" : "Move this session";
  return (
    <dialog
      ref={ref}
      className="dialog booking-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {open ? <BookingForm orgId={orgId} viewerId={viewerId} mode={mode} onClose={onClose} /> : null}
    </dialog>
  );
}

function BookingForm({
  orgId,
  viewerId,
  mode,
  onClose,
}: {
  orgId: string;
  viewerId: string;
  mode: Mode;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const refresh = useRefreshSessions(orgId);
  const relationshipId = mode.kind === "book" ? mode.relationship.id : mode.relationshipId;
  const [length, setLength] = useState<number | undefined>(
    mode.kind === "reschedule" ? mode.session.lengthMinutes : undefined,
  );
  const [weeks, setWeeks] = useState(4);
  const query = {
    weeks,
    ...(length ? { length } : {}),
    ...(mode.kind === "reschedule" ? { excludeSessionId: mode.session.id } : {}),
  };
  const search = useQuery({
    queryKey: sessionKeys.slots(orgId, relationshipId, query),
    queryFn: () => api.call("findSlots", { params: { orgId, relationshipId }, query }),
    staleTime: 0,
  });

  const agreement = mode.kind === "book" ? mode.relationship.agreement : null;
  const formats = useMemo(() => {
    const allowed = (agreement?.formats ?? []).filter((format): format is SessionFormat =>
      (SESSION_FORMATS as readonly string[]).includes(format),
    );
    return allowed.length > 0 ? allowed : [...SESSION_FORMATS];
  }, [agreement]);
  const cadence = agreement ? cadenceWeeks(agreement.cadence) : null;

  const [startsAt, setStartsAt] = useState<string | null>(null);
  const [format, setFormat] = useState<SessionFormat>(formats[0] ?? "video");
  const [location, setLocation] = useState("");
  const [videoUrl, setVideoUrl] = useState("");
  const [repeat, setRepeat] = useState(false);
  const [everyWeeks, setEveryWeeks] = useState<1 | 2 | 4>(cadence ?? 2);
  const [ends, setEnds] = useState<"count" | "until">("count");
  const [count, setCount] = useState("6");
  const [until, setUntil] = useState("");
  const [missing, setMissing] = useState<Record<string, string>>({});

  const book = useMutation({
    mutationFn: async () => {
      if (!startsAt) throw new Error("unreachable");
      if (mode.kind === "reschedule") {
        const session = await api.call("rescheduleSession", {
          params: { orgId, sessionId: mode.session.id },
          body: { version: mode.session.version, startsAt, ...(length ? { lengthMinutes: length } : {}) },
        });
        return { sessions: [session], skipped: [] };
      }
      return api.call("bookSession", {
        params: { orgId, relationshipId },
        body: {
          startsAt,
          ...(length ? { lengthMinutes: length } : {}),
          format,
          location: format === "video" ? null : location.trim() || null,
          videoUrl: format === "video" ? videoUrl.trim() || null : null,
          ...(repeat
            ? {
                recurrence:
                  ends === "count"
                    ? { everyWeeks, count: Number(count) }
                    : { everyWeeks, until: until || undefined },
              }
            : {}),
        },
      });
    },
    onSuccess: (result) => {
      refresh();
      const [first] = result.sessions;
      onClose();
      if (!first) return;
      const zone = search.data?.timeZone ?? first.timeZone;
      const when = sessionWhen(first.startsAt, first.endsAt, zone);
      const what =
        mode.kind === "reschedule"
          ? first.status === "proposed"
            ? `You proposed ${when} instead; they will be asked to accept.`
            : `Moved to ${when}.`
          : first.status === "proposed"
            ? `You proposed ${when}${result.sessions.length > 1 ? ` and ${result.sessions.length - 1} more` : ""}. They will be asked to accept.`
            : `Booked ${when}${result.sessions.length > 1 ? ` and ${result.sessions.length - 1} more` : ""}.`;
      const skipped =
        result.skipped.length > 0
          ? ` ${result.skipped.length} date${result.skipped.length === 1 ? " was" : "s were"} skipped: ${result.skipped
              .map((slot) => `${sessionWhen(slot.start, slot.end, zone)} (${slot.reason})`)
              .join("; ")}.`
          : "";
      navigate(to(paths.session, { sessionId: first.id }), { state: { flash: `${what}${skipped}` } });
    },
    onError: (error) => {
      // A time taken meanwhile: read the free times again.
      if (isApiError(error, "conflict")) void search.refetch();
    },
  });

  const serverFields = book.error instanceof ApiError ? book.error.fieldErrors() : {};
  const fieldError = (name: string) => missing[name] ?? serverFields[name];
  const placedFields = new Set(["startsAt", "lengthMinutes", "format", "location", "videoUrl"]);
  const recurrenceError =
    fieldError("recurrence.count") ??
    fieldError("recurrence.until") ??
    fieldError("recurrence.everyWeeks") ??
    fieldError("recurrence");
  const unplaced =
    book.error instanceof ApiError
      ? Object.entries(serverFields).filter(
          ([name]) => !placedFields.has(name) && !name.startsWith("recurrence"),
        )
      : [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!startsAt) problems.startsAt = "Pick a time first.";
    if (mode.kind === "book" && format === "in_person" && !location.trim())
      problems.location = "is required for a session in person";
    if (mode.kind === "book" && repeat && ends === "count" && !/^\d+$/.test(count))
      problems["recurrence.count"] = "must be a whole number";
    if (mode.kind === "book" && repeat && ends === "until" && !until)
      problems["recurrence.until"] = "is required";
    setMissing(problems);
    if (Object.keys(problems).length > 0) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.booking-dialog [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    book.mutate();
  };

  const data = search.data;
  const others = data?.participants.filter((person) => person.userId !== viewerId) ?? [];
  const instant = data ? data.instantBooking : null;
  const otherNames = others.map((person) => firstName(person.name)).join(" and ") || "the other side";
  const chosenIsNear = Boolean(startsAt && data?.nearest.some((slot) => slot.start === startsAt));
  const submitLabel =
    mode.kind === "reschedule"
      ? mode.session.status === "proposed"
        ? "Propose this time"
        : instant === false || chosenIsNear
          ? "Propose the move"
          : "Move the session"
      : instant === true && !chosenIsNear
        ? "Book this time"
        : instant === false || chosenIsNear
          ? `Propose to ${otherNames}`
          : "Book this time";

  return (
    <form onSubmit={submit} noValidate className="booking-form">
      {mode.kind === "reschedule" ? (
        <p className="muted">
          Now:{" "}
          {sessionWhen(mode.session.startsAt, mode.session.endsAt, data?.timeZone ?? mode.session.timeZone)}
          {data ? ` (${zoneLabel(data.timeZone)})` : ""}.
        </p>
      ) : null}
      <div className="booking-form__row">
        <div className="field">
          <label className="field__label" htmlFor="booking-length">
            Length
          </label>
          <select
            id="booking-length"
            className="input select"
            value={length ?? data?.lengthMinutes ?? 60}
            aria-invalid={fieldError("lengthMinutes") ? true : undefined}
            aria-describedby={fieldError("lengthMinutes") ? "booking-length-error" : "booking-length-hint"}
            onChange={(event) => {
              setLength(Number(event.target.value));
              setStartsAt(null);
            }}
          >
            {SESSION_LENGTHS.map((minutes) => (
              <option key={minutes} value={minutes}>
                {lengthWords(minutes)}
              </option>
            ))}
          </select>
          <p id="booking-length-hint" className="field__hint">
            Your agreement's length unless you change it.
          </p>
          <FieldProblem id="booking-length-error" label="Length" error={fieldError("lengthMinutes")} />
        </div>
      </div>

      {search.isPending ? (
        <p role="status" className="loading">
          <span className="spinner" aria-hidden="true" /> Finding times when you are both free…
        </p>
      ) : search.isError ? (
        <Alert tone="error">{describeError(search.error)}</Alert>
      ) : (
        <SlotPicker
          search={search.data}
          viewerId={viewerId}
          value={startsAt}
          onChange={(value) => {
            setStartsAt(value);
            setMissing((current) => ({ ...current, startsAt: "" }));
          }}
          error={fieldError("startsAt") || undefined}
          weeks={weeks}
          onMore={weeks < 12 ? () => setWeeks((value) => Math.min(12, value + 4)) : undefined}
          loadingMore={search.isFetching}
        />
      )}

      {mode.kind === "book" ? (
        <>
          <fieldset className="fieldset booking-form__format">
            <legend>How you will meet</legend>
            <div className="choice-row">
              {formats.map((option) => (
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
            <FieldProblem id="booking-format-error" label="Format" error={fieldError("format")} />
            {format === "video" ? (
              <Field
                label="Link to the call (optional)"
                name="videoUrl"
                type="url"
                inputMode="url"
                placeholder="https://"
                value={videoUrl}
                onChange={(event) => setVideoUrl(event.target.value)}
                error={fieldError("videoUrl") || undefined}
                hint="You can add or change it later on the session's page."
              />
            ) : (
              <Field
                label={format === "in_person" ? "Where" : "Phone number (optional)"}
                name="location"
                value={location}
                maxLength={300}
                required={format === "in_person"}
                onChange={(event) => {
                  setLocation(event.target.value);
                  setMissing((current) => ({ ...current, location: "" }));
                }}
                error={fieldError("location") || undefined}
              />
            )}
          </fieldset>

          <fieldset className="fieldset">
            <legend>Repeat</legend>
            <label className="choice">
              <input type="checkbox" checked={repeat} onChange={(event) => setRepeat(event.target.checked)} />
              Repeat at the same time {cadence ? EVERY_WORDS[cadence] : "regularly"}
              {cadence ? " (your agreement's rhythm)" : ""}
            </label>
            {repeat ? (
              <div className="booking-form__repeat">
                {cadence === null ? (
                  <div className="field">
                    <label className="field__label" htmlFor="booking-every">
                      How often
                    </label>
                    <select
                      id="booking-every"
                      className="input select"
                      value={everyWeeks}
                      onChange={(event) => setEveryWeeks(Number(event.target.value) as 1 | 2 | 4)}
                    >
                      <option value={1}>Every week</option>
                      <option value={2}>Every two weeks</option>
                      <option value={4}>Every four weeks</option>
                    </select>
                  </div>
                ) : null}
                <div className="choice-row" role="radiogroup" aria-label="The series ends">
                  <label className="choice">
                    <input
                      type="radio"
                      name="ends"
                      checked={ends === "count"}
                      onChange={() => setEnds("count")}
                    />
                    After a number of sessions
                  </label>
                  <label className="choice">
                    <input
                      type="radio"
                      name="ends"
                      checked={ends === "until"}
                      onChange={() => setEnds("until")}
                    />
                    On a date
                  </label>
                </div>
                {ends === "count" ? (
                  <Field
                    label="Number of sessions"
                    name="count"
                    type="number"
                    min={2}
                    max={26}
                    value={count}
                    onChange={(event) => setCount(event.target.value)}
                    hint="2 to 26, this one included."
                    error={recurrenceError || undefined}
                    className="field--narrow"
                  />
                ) : (
                  <Field
                    label="Last date"
                    name="until"
                    type="date"
                    value={until}
                    onChange={(event) => setUntil(event.target.value)}
                    hint="At most a year from the first session."
                    error={recurrenceError || undefined}
                    className="field--narrow"
                  />
                )}
              </div>
            ) : null}
          </fieldset>
        </>
      ) : null}

      {instant === false || chosenIsNear ? (
        <p className="muted">
          {otherNames} will be asked to accept the time
          {chosenIsNear ? ", as it is outside someone's hours" : ""}.
        </p>
      ) : instant === true ? (
        <p className="muted">This programme books at once: the time is confirmed for both of you.</p>
      ) : null}

      {book.isError && (!(book.error instanceof ApiError) || !fieldError("startsAt")) ? (
        <Alert tone="error">
          {describeError(book.error)}
          {unplaced.length > 0
            ? ` (${unplaced.map(([name, message]) => `${name} ${message}`).join("; ")})`
            : ""}
        </Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" busy={book.isPending} busyLabel="Saving…">
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function FieldProblem({ id, label, error }: { id: string; label: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      <span aria-hidden="true" className="field__error-icon">
        !
      </span>
      {phraseError(label, error)}
    </p>
  );
}

/**
 * The free times as one radio group, grouped by my local day. When nobody's hours overlap, says
 * so and offers the nearest times, naming who would be outside their hours.
 */
function SlotPicker({
  search,
  viewerId,
  value,
  onChange,
  error,
  weeks,
  onMore,
  loadingMore,
}: {
  search: SlotSearch;
  viewerId: string;
  value: string | null;
  onChange: (startsAt: string) => void;
  error: string | undefined;
  weeks: number;
  onMore: (() => void) | undefined;
  loadingMore: boolean;
}) {
  const zone = search.timeZone;
  const others = search.participants.filter((person) => person.userId !== viewerId);
  const names = new Map(search.participants.map((person) => [person.userId, person]));
  const useNearest = search.slots.length === 0;
  const options = useNearest ? search.nearest : search.slots.map((slot) => ({ ...slot, outsideHours: [] }));
  const days = new Map<string, typeof options>();
  for (const slot of options) {
    const day = localDay(slot.start, zone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  const errorId = "booking-slot-error";

  return (
    <div className="slot-picker">
      <p className="muted">
        Times in {zoneLabel(zone)} (yours)
        {others
          .map((person) => `; ${firstName(person.name)}'s beside them, in ${zoneLabel(person.timeZone)}`)
          .join("")}
        .
      </p>
      <CalendarNotes search={search} viewerId={viewerId} />
      {useNearest ? (
        <Alert tone="warning" title={`No time in the next ${weeks} weeks is inside everyone's hours`}>
          {search.nearest.length > 0
            ? "These are the nearest times when you are all free, and who would be outside their hours. Picking one proposes it; the other side can accept or suggest another."
            : "Nobody's hours overlap and no nearby time is free for everyone. Add extra hours for a date on your availability page, or ask them to."}
        </Alert>
      ) : null}
      {options.length > 0 ? (
        <fieldset className="slot-picker__group" aria-describedby={error ? errorId : undefined}>
          <legend className="visually-hidden">A time for the session</legend>
          {[...days.entries()].map(([day, slots]) => (
            <fieldset key={day} className="slot-day">
              <legend className="slot-day__title">{longDay(slots[0]?.start ?? day, zone)}</legend>
              <div className="slot-day__times">
                {slots.map((slot) => {
                  const theirs = others.map((person) => theirTime(slot.start, zone, person)).join(" · ");
                  const outside = slot.outsideHours
                    .map((userId) => (userId === viewerId ? "you" : firstName(names.get(userId)?.name ?? "")))
                    .filter(Boolean);
                  return (
                    <label key={slot.start} className={`slot${value === slot.start ? " slot--chosen" : ""}`}>
                      <input
                        type="radio"
                        name="startsAt"
                        value={slot.start}
                        checked={value === slot.start}
                        onChange={() => onChange(slot.start)}
                        aria-invalid={error ? true : undefined}
                      />
                      <span className="slot__text">
                        <span className="slot__mine">
                          {dayClock(slot.start, zone)} for you
                          <span className="visually-hidden">, until {clock(slot.end, zone)}</span>
                        </span>
                        {theirs ? <span className="slot__theirs"> · {theirs}</span> : null}
                        {outside.length > 0 ? (
                          <span className="slot__outside"> · outside {outside.join(" and ")}'s hours</span>
                        ) : null}
                      </span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
          ))}
        </fieldset>
      ) : null}
      {error ? <FieldProblem id={errorId} label="Time" error={error} /> : null}
      {onMore ? (
        <Button
          variant="secondary"
          size="small"
          busy={loadingMore}
          busyLabel="Looking further…"
          onClick={onMore}
        >
          Show {Math.min(12, weeks + 4)} weeks
        </Button>
      ) : null}
    </div>
  );
}

/** A line when someone's calendar could not be read lately or was never read, or has no hours. */
function CalendarNotes({ search, viewerId }: { search: SlotSearch; viewerId: string }) {
  const notes: string[] = [];
  for (const person of search.participants) {
    const who = person.userId === viewerId ? "Your" : `${firstName(person.name)}'s`;
    if (person.calendar === "stale")
      notes.push(
        `${who} calendar could not be read lately: its busy time is from the last good sync and may be out of date.`,
      );
    if (person.calendar === "unknown")
      notes.push(`${who} calendar has not been read yet: its busy time is not counted.`);
    if (!person.hasHours)
      notes.push(
        person.userId === viewerId
          ? "You have no available hours in these weeks (set weekly hours on your profile)."
          : `${firstName(person.name)} has no available hours in these weeks.`,
      );
  }
  if (notes.length === 0) return null;
  return (
    <Alert tone="info">
      {notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
    </Alert>
  );
}
