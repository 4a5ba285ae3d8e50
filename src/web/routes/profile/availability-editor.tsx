import { useEffect, useRef } from "react";
import { type AvailabilitySlot, PROFILE_LIMITS } from "../../../contracts/profiles.ts";
import { minutesOf } from "../../../core/profiles/profile-rules.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { listProblem, type ProfileErrors } from "./profile-draft.ts";
import { WEEKDAYS } from "./profile-format.ts";

const pad = (value: number) => String(value).padStart(2, "0");
const timeOf = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** A new slot on a day: an hour after that day's last one ends, or 09:00–10:00. */
function nextSlot(day: number, slots: AvailabilitySlot[]): AvailabilitySlot {
  const last = Math.max(0, ...slots.filter((slot) => slot.day === day).map((slot) => minutesOf(slot.end)));
  const start = last === 0 ? 9 * 60 : Math.min(last, 22 * 60);
  return { day, start: timeOf(start), end: timeOf(Math.min(start + 60, 23 * 60 + 59)) };
}

/**
 * Weekly availability by weekday, in the profile's time zone (named in the heading). Each time is
 * a start and an end; a day may have several. Times that overlap are reported for the list.
 */
export function AvailabilityEditor({
  slots,
  timeZone,
  onChange,
  errors,
}: {
  slots: AvailabilitySlot[];
  timeZone: string;
  onChange: (slots: AvailabilitySlot[]) => void;
  errors: ProfileErrors;
}) {
  const addedOn = useRef<number | null>(null);
  // A new time takes focus (its start), so the keyboard stays where the person is working.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a time was added or removed
  useEffect(() => {
    if (addedOn.current === null) return;
    const starts = document.querySelectorAll<HTMLInputElement>(
      `input[data-day="${addedOn.current}"][data-part="start"]`,
    );
    starts[starts.length - 1]?.focus();
    addedOn.current = null;
  }, [slots.length]);

  const change = (index: number, part: Partial<AvailabilitySlot>) =>
    onChange(slots.map((slot, i) => (i === index ? { ...slot, ...part } : slot)));
  const full = slots.length >= PROFILE_LIMITS.slots;

  return (
    <div className="profile-availability">
      <p className="field__hint">
        Times are in <strong>{timeZone.replaceAll("_", " ")}</strong>, your profile's time zone (change it
        under Work). Others see them in their own time zone too.
      </p>
      {listProblem(errors, "availability") ? (
        <Alert tone="error">{listProblem(errors, "availability")}</Alert>
      ) : null}
      {WEEKDAYS.map((name, dayIndex) => {
        const day = dayIndex + 1;
        const ofDay = slots.map((slot, index) => ({ slot, index })).filter(({ slot }) => slot.day === day);
        return (
          <fieldset key={name} className="profile-day">
            <legend className="profile-day__name">{name}</legend>
            {ofDay.length === 0 ? <p className="muted profile-day__none">Not available</p> : null}
            <ul className="profile-day__slots">
              {ofDay.map(({ slot, index }, position) => (
                <li key={index} className="profile-slot">
                  <Field
                    label={`${name} time ${position + 1} from`}
                    name={`availability.${index}.start`}
                    type="time"
                    data-day={day}
                    data-part="start"
                    value={slot.start}
                    error={errors[`availability.${index}.start`]}
                    onChange={(event) => change(index, { start: event.target.value })}
                  />
                  <Field
                    label={`${name} time ${position + 1} to`}
                    name={`availability.${index}.end`}
                    type="time"
                    value={slot.end === "24:00" ? "23:59" : slot.end}
                    error={errors[`availability.${index}.end`]}
                    onChange={(event) => change(index, { end: event.target.value })}
                  />
                  <Button
                    variant="ghost"
                    size="small"
                    className="profile-slot__remove"
                    aria-label={`Remove ${name} ${slot.start} to ${slot.end}`}
                    onClick={() => onChange(slots.filter((_, i) => i !== index))}
                  >
                    Remove
                  </Button>
                </li>
              ))}
            </ul>
            <Button
              variant="secondary"
              size="small"
              aria-label={`Add a time on ${name}`}
              aria-disabled={full || undefined}
              onClick={() => {
                if (full) return;
                addedOn.current = day;
                onChange([...slots, nextSlot(day, slots)]);
              }}
            >
              Add a time
            </Button>
          </fieldset>
        );
      })}
    </div>
  );
}
