import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { AddByEmailResult, EnrolmentRoleValue } from "../../../contracts/enrolment.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { ROLE_LABELS, useEnrolmentChanged } from "./enrolment-queries.ts";

const OUTCOME_WORDS: Record<AddByEmailResult["results"][number]["outcome"], string> = {
  enrolled: "added",
  account_created: "added with a new account",
  already_enrolled: "already in",
  refused: "not added",
};

/** Admins add people by email: members are told, new people get an account and a set-password link. */
export function AddByEmail({ orgId, programmeId }: { orgId: string; programmeId: string }) {
  const changed = useEnrolmentChanged(orgId, programmeId);
  const [emails, setEmails] = useState("");
  const [role, setRole] = useState<EnrolmentRoleValue>("mentee");
  const [capacity, setCapacity] = useState("1");
  const add = useMutation({
    mutationFn: () =>
      api.call("addParticipantsByEmail", {
        params: { orgId, programmeId },
        body: { emails, role, ...(role !== "mentee" ? { mentorCapacity: Number(capacity) } : {}) },
      }),
    onSuccess: () => {
      setEmails("");
      return changed();
    },
  });
  const fieldErrors = isApiError(add.error, "validation_failed") ? add.error.fieldErrors() : {};
  const results = add.data?.results ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <details className="card disclosure">
      <summary className="disclosure__summary">Add people by email</summary>
      <div className="stack disclosure__body">
        <form className="stack" noValidate onSubmit={submit}>
          <div className={`field${fieldErrors.emails ? " field--invalid" : ""}`}>
            <label htmlFor="add-emails" className="field__label">
              Email addresses
            </label>
            <p id="add-emails-hint" className="field__hint">
              Separated by commas or new lines, up to 200. People without an account get one, with a link to
              set their password.
            </p>
            <textarea
              id="add-emails"
              className="input textarea"
              rows={3}
              value={emails}
              aria-invalid={fieldErrors.emails ? true : undefined}
              aria-describedby={`add-emails-hint${fieldErrors.emails ? " add-emails-error" : ""}`}
              onChange={(event) => setEmails(event.target.value)}
            />
            {fieldErrors.emails ? (
              <p id="add-emails-error" className="field__error">
                <span aria-hidden="true" className="field__error-icon">
                  !
                </span>
                Email addresses: {fieldErrors.emails}
              </p>
            ) : null}
          </div>
          <SelectField
            label="As"
            name="role"
            value={role}
            error={fieldErrors.role}
            onChange={(event) => setRole(event.target.value as EnrolmentRoleValue)}
          >
            {Object.entries(ROLE_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          {role !== "mentee" ? (
            <Field
              label="Mentor capacity"
              name="mentorCapacity"
              type="number"
              min={1}
              max={50}
              className="field--narrow"
              value={capacity}
              error={fieldErrors.mentorCapacity}
              onChange={(event) => setCapacity(event.target.value)}
            />
          ) : null}
          {add.isError && Object.keys(fieldErrors).length === 0 ? (
            <Alert tone="error">{describeError(add.error)}</Alert>
          ) : null}
          <div className="form-actions">
            <Button type="submit" busy={add.isPending} busyLabel="Adding…">
              Add to the programme
            </Button>
          </div>
        </form>
        <div role="status">
          {results.length > 0 ? (
            <Alert
              tone="success"
              title={`${results.filter((item) => item.outcome !== "refused" && item.outcome !== "already_enrolled").length} added`}
            >
              <ul>
                {results.map((item) => (
                  <li key={item.email}>
                    {item.email}: {OUTCOME_WORDS[item.outcome]}.{" "}
                    {item.outcome === "refused" ? item.message : ""}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
        </div>
      </div>
    </details>
  );
}
