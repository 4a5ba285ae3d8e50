import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { type Relationship, UpdateAgreementRequestSchema } from "../../../contracts/relationships.ts";
import { isApiError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { useRefreshRelationships } from "./relationship-queries.ts";
import { CADENCE_LABEL, FORMAT_LABEL } from "./relationship-words.ts";

/** Reads the form as the contract expects it: numbers, a list of formats, one goal per line. */
function readAgreement(form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  const minutes = text("minutesPerMonth").trim();
  return {
    version: Number(text("version")),
    cadence: text("cadence"),
    formats: data.getAll("formats").map(String),
    minutesPerMonth: minutes === "" ? undefined : Number(minutes),
    confidentiality: text("confidentiality"),
    endsOn: text("endsOn") === "" ? null : text("endsOn"),
    firstGoals: text("firstGoals")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  };
}

/** The agreement's terms as a form; saving makes a new version both sides confirm again. */
export function AgreementForm({
  orgId,
  relationship,
  onDone,
}: {
  orgId: string;
  relationship: Relationship;
  onDone: (message: string) => void;
}) {
  const { agreement } = relationship;
  const refresh = useRefreshRelationships(orgId);
  const save = useMutation({
    mutationFn: (body: BodyOf<"updateAgreement">) =>
      api.call("updateAgreement", { params: { orgId, relationshipId: relationship.id }, body }),
    onSuccess: (next) => {
      refresh();
      onDone(
        next.agreement.version === agreement.version
          ? "Nothing changed."
          : `Saved as version ${next.agreement.version}. Confirm it, and ask the other side to confirm it too.`,
      );
    },
  });
  const form = useContractForm(
    UpdateAgreementRequestSchema,
    (values) => save.mutate(values as BodyOf<"updateAgreement">),
    save.error,
    readAgreement,
  );
  const stale = isApiError(save.error, "conflict");
  const today = new Date().toISOString().slice(0, 10);

  return (
    <form ref={form.formRef} className="agreement-form" onSubmit={form.onSubmit} noValidate>
      <input type="hidden" name="version" value={agreement.version} />
      {stale ? (
        <Alert tone="warning" title="The agreement changed meanwhile">
          <p>{isApiError(save.error) ? save.error.message : ""}</p>
          <Button
            variant="secondary"
            size="small"
            onClick={() => {
              refresh();
              onDone("Loaded the latest version.");
            }}
          >
            Load the latest version
          </Button>
        </Alert>
      ) : form.formError ? (
        <Alert tone="error">{form.formError}</Alert>
      ) : null}
      {relationship.status === "active" ? (
        <p className="muted">
          Your mentoring carries on as agreed until you both confirm the new version. To extend it, choose a
          later end date.
        </p>
      ) : null}
      <div className="agreement-form__row">
        <SelectField
          label="How often you meet"
          name="cadence"
          defaultValue={agreement.cadence}
          error={form.fieldError("cadence")}
        >
          {Object.entries(CADENCE_LABEL).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field
          label="Minutes a month"
          name="minutesPerMonth"
          hint="The time each of you gives."
          type="number"
          inputMode="numeric"
          min={15}
          max={2400}
          step={15}
          defaultValue={agreement.minutesPerMonth}
          error={form.fieldError("minutesPerMonth")}
        />
        <Field
          label="End date"
          name="endsOn"
          type="date"
          min={today}
          defaultValue={agreement.endsOn ?? ""}
          hint="After today; the programme's end by default."
          error={form.fieldError("endsOn")}
        />
      </div>
      <fieldset
        className="fieldset"
        aria-describedby={form.fieldError("formats") ? "formats-error" : undefined}
      >
        <legend className="field__label">How you meet</legend>
        <div className="choice-list">
          {Object.entries(FORMAT_LABEL).map(([value, label]) => (
            <label key={value} className="choice">
              <input
                type="checkbox"
                name="formats"
                value={value}
                defaultChecked={agreement.formats.includes(value as never)}
                aria-invalid={form.fieldError("formats") ? true : undefined}
              />
              {label}
            </label>
          ))}
        </div>
        <FieldProblem id="formats-error" message={form.fieldError("formats")} />
      </fieldset>
      <TextArea
        label="First goals"
        name="firstGoals"
        hint="One goal per line: up to 10, each 3 to 200 characters. Only the two of you see them."
        defaultValue={(agreement.firstGoals ?? []).join("\n")}
        error={form.fieldError("firstGoals")}
      />
      <TextAreaField
        id="agreement-confidentiality"
        label="Confidentiality"
        name="confidentiality"
        hint="What stays between you. Only the two of you see this."
        limit={2000}
        defaultValue={agreement.confidentiality ?? ""}
        error={form.fieldError("confidentiality")}
      />
      <div className="form-actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save as a new version
        </Button>
        <Button variant="ghost" onClick={() => onDone("")}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

function FieldProblem({ id, message }: { id: string; message: string | undefined }): ReactNode {
  if (!message) return null;
  return (
    <p id={id} className="field__error">
      <span aria-hidden="true" className="field__error-icon">
        !
      </span>
      {message.charAt(0).toUpperCase() + message.slice(1)}
    </p>
  );
}

function TextArea({
  label,
  name,
  hint,
  defaultValue,
  error,
}: {
  label: string;
  name: string;
  hint: string;
  defaultValue: string;
  error: string | undefined;
}) {
  const id = `agreement-${name}`;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <p id={`${id}-hint`} className="field__hint">
        {hint}
      </p>
      <textarea
        id={id}
        name={name}
        className="input textarea"
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
      />
      <FieldProblem id={`${id}-error`} message={error} />
    </div>
  );
}
