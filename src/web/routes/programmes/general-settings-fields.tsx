import type { Programme } from "../../../contracts/programmes.ts";
import { Field, SelectField } from "../../components/field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { CheckField } from "./check-field.tsx";
import { MODE_LABELS, ROLE_LABELS, TYPE_LABELS } from "./programme-labels.ts";
import type { FieldErrors } from "./settings-errors.ts";

/** The general settings as a form holds them (numbers and dates as typed). */
export interface GeneralValues {
  name: string;
  description: string;
  type: Programme["type"];
  evergreen: boolean;
  startsOn: string;
  endsOn: string;
  rolesOffered: Programme["rolesOffered"];
  defaultMentorCapacity: string;
  matchingMode: Programme["matchingMode"];
  requestExpiryDays: string;
  requestReminderDays: string;
  pendingRequestCap: string;
  requiresApproval: boolean;
}

export type GeneralField = keyof GeneralValues;

type GeneralSource = Pick<
  Programme,
  | "description"
  | "type"
  | "evergreen"
  | "rolesOffered"
  | "defaultMentorCapacity"
  | "matchingMode"
  | "requestExpiryDays"
  | "requestReminderDays"
  | "pendingRequestCap"
  | "requiresApproval"
> & { name?: string; startsOn?: string | null; endsOn?: string | null };

export function generalValuesOf(source: GeneralSource): GeneralValues {
  return {
    name: source.name ?? "",
    description: source.description,
    type: source.type,
    evergreen: source.evergreen,
    startsOn: source.startsOn ?? "",
    endsOn: source.endsOn ?? "",
    rolesOffered: [...source.rolesOffered],
    defaultMentorCapacity: String(source.defaultMentorCapacity),
    matchingMode: source.matchingMode,
    requestExpiryDays: String(source.requestExpiryDays),
    requestReminderDays: String(source.requestReminderDays),
    pendingRequestCap: String(source.pendingRequestCap),
    requiresApproval: source.requiresApproval,
  };
}

/** A typed number stays what it is when it is not a number, so the schema names the field. */
const asNumber = (text: string): number | string => (text.trim() === "" ? text : Number(text));

/** The request body of these settings (dates: empty means none). */
export function generalBody(values: GeneralValues) {
  return {
    name: values.name,
    description: values.description,
    type: values.type,
    evergreen: values.evergreen,
    startsOn: values.evergreen ? null : values.startsOn || null,
    endsOn: values.evergreen ? null : values.endsOn || null,
    rolesOffered: values.rolesOffered,
    defaultMentorCapacity: asNumber(values.defaultMentorCapacity) as number,
    matchingMode: values.matchingMode,
    requestExpiryDays: asNumber(values.requestExpiryDays) as number,
    requestReminderDays: asNumber(values.requestReminderDays) as number,
    pendingRequestCap: asNumber(values.pendingRequestCap) as number,
    requiresApproval: values.requiresApproval,
  };
}

interface Props {
  values: GeneralValues;
  onChange: (values: GeneralValues) => void;
  errors: FieldErrors;
  /** Settings that cannot change now, with the reason (shown instead of a hint). */
  frozen?: ReadonlyMap<string, string>;
  /** Weeks a cohort lasts when no end date is given. */
  cohortWeeks?: number;
  idPrefix: string;
}

/** The general settings of a programme: name, kind, dates, roles, matching and request rules. */
export function GeneralSettingsFields({
  values,
  onChange,
  errors,
  frozen,
  cohortWeeks = 12,
  idPrefix,
}: Props) {
  const set = <K extends GeneralField>(field: K, value: GeneralValues[K]) =>
    onChange({ ...values, [field]: value });
  const lock = (field: GeneralField) => frozen?.get(field);
  const id = (field: string) => `${idPrefix}-${field}`;
  const rolesError =
    errors.rolesOffered ?? Object.entries(errors).find(([key]) => key.startsWith("rolesOffered."))?.[1];

  return (
    <>
      <Field
        label="Name"
        name="name"
        id={id("name")}
        disabled={Boolean(lock("name"))}
        value={values.name}
        limit={120}
        required
        error={errors.name}
        onChange={(event) => set("name", event.target.value)}
      />
      <TextAreaField
        label="Description"
        name="description"
        id={id("description")}
        hint="What the programme is for and what people can expect. Shown to everyone who may register."
        rows={4}
        limit={4000}
        value={values.description}
        disabled={Boolean(lock("description"))}
        error={errors.description}
        onChange={(event) => set("description", event.target.value)}
      />
      <SelectField
        label="Kind of programme"
        name="type"
        id={id("type")}
        value={values.type}
        disabled={Boolean(lock("type"))}
        error={errors.type}
        aria-describedby={lock("type") ? id("type-frozen") : undefined}
        onChange={(event) => set("type", event.target.value as GeneralValues["type"])}
      >
        {Object.entries(TYPE_LABELS).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </SelectField>
      {lock("type") ? (
        <p id={id("type-frozen")} className="field__hint settings-frozen-note">
          The kind {lock("type")}.
        </p>
      ) : null}

      <fieldset className="fieldset programme-dates">
        <legend>Dates</legend>
        <CheckField
          label="Evergreen: always open, no start or end date"
          hint={
            lock("evergreen") ?? "People join and leave at any time; registration stays open while it runs."
          }
          checked={values.evergreen}
          disabled={Boolean(lock("evergreen"))}
          id={id("evergreen")}
          onChange={(event) => set("evergreen", event.target.checked)}
        />
        {values.evergreen ? null : (
          <div className="programme-dates__pair">
            <Field
              label="Start date"
              name="startsOn"
              id={id("startsOn")}
              type="date"
              value={values.startsOn}
              disabled={Boolean(lock("startsOn"))}
              hint={lock("startsOn")}
              error={errors.startsOn}
              onChange={(event) => set("startsOn", event.target.value)}
            />
            <Field
              label="End date"
              name="endsOn"
              id={id("endsOn")}
              type="date"
              value={values.endsOn}
              min={values.startsOn || undefined}
              hint={`Leave empty for ${cohortWeeks} weeks after the start.`}
              error={errors.endsOn}
              onChange={(event) => set("endsOn", event.target.value)}
            />
          </div>
        )}
      </fieldset>

      <fieldset className="fieldset" aria-describedby={rolesError ? id("roles-error") : undefined}>
        <legend>Roles people can register for</legend>
        {lock("rolesOffered") ? <p className="field__hint">{lock("rolesOffered")}</p> : null}
        <div className="check-row">
          {(Object.keys(ROLE_LABELS) as GeneralValues["rolesOffered"]).map((role) => (
            <CheckField
              key={role}
              label={ROLE_LABELS[role]}
              id={id(`role-${role}`)}
              checked={values.rolesOffered.includes(role)}
              disabled={Boolean(lock("rolesOffered"))}
              aria-invalid={rolesError ? true : undefined}
              onChange={(event) =>
                set(
                  "rolesOffered",
                  event.target.checked
                    ? [...values.rolesOffered, role]
                    : values.rolesOffered.filter((item) => item !== role),
                )
              }
            />
          ))}
        </div>
        {rolesError ? (
          <p id={id("roles-error")} className="field__error">
            Roles {rolesError}
          </p>
        ) : null}
      </fieldset>

      <fieldset className="fieldset">
        <legend>How people are matched</legend>
        <div className="check-column">
          {(Object.keys(MODE_LABELS) as GeneralValues["matchingMode"][]).map((mode) => (
            <CheckField
              key={mode}
              type="radio"
              name={id("matchingMode")}
              label={MODE_LABELS[mode]}
              id={id(`mode-${mode}`)}
              checked={values.matchingMode === mode}
              disabled={Boolean(lock("matchingMode"))}
              onChange={() => set("matchingMode", mode)}
            />
          ))}
        </div>
      </fieldset>

      <div className="settings-numbers">
        <Field
          label="Mentees per mentor"
          name="defaultMentorCapacity"
          id={id("defaultMentorCapacity")}
          disabled={Boolean(lock("defaultMentorCapacity"))}
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          hint="The default; each mentor can change theirs."
          value={values.defaultMentorCapacity}
          error={errors.defaultMentorCapacity}
          onChange={(event) => set("defaultMentorCapacity", event.target.value)}
        />
        <Field
          label="Days a request waits"
          name="requestExpiryDays"
          id={id("requestExpiryDays")}
          disabled={Boolean(lock("requestExpiryDays"))}
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          hint="Then it expires."
          value={values.requestExpiryDays}
          error={errors.requestExpiryDays}
          onChange={(event) => set("requestExpiryDays", event.target.value)}
        />
        <Field
          label="Reminder, days before expiry"
          name="requestReminderDays"
          id={id("requestReminderDays")}
          disabled={Boolean(lock("requestReminderDays"))}
          type="number"
          inputMode="numeric"
          min={0}
          max={89}
          hint="0: no reminder."
          value={values.requestReminderDays}
          error={errors.requestReminderDays}
          onChange={(event) => set("requestReminderDays", event.target.value)}
        />
        <Field
          label="Requests a mentee may have waiting"
          name="pendingRequestCap"
          id={id("pendingRequestCap")}
          disabled={Boolean(lock("pendingRequestCap"))}
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          value={values.pendingRequestCap}
          error={errors.pendingRequestCap}
          onChange={(event) => set("pendingRequestCap", event.target.value)}
        />
      </div>
      <CheckField
        label="An admin approves each registration"
        hint="People who register wait until an admin approves them."
        id={id("requiresApproval")}
        checked={values.requiresApproval}
        disabled={Boolean(lock("requiresApproval"))}
        onChange={(event) => set("requiresApproval", event.target.checked)}
      />
    </>
  );
}
