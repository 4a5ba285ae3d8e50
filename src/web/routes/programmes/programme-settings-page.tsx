import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useMemo, useRef, useState } from "react";
import {
  MatchConfigSchema,
  type Programme,
  RegistrationFormSchema,
  UpdateProgrammeRequestSchema,
} from "../../../contracts/programmes.ts";
import { findTemplate } from "../../../core/programmes/templates.ts";
import { describeError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, PageHeader } from "../../components/page.tsx";
import { CriteriaEditor, criterionKey, type DraftCriterion } from "./criteria-editor.tsx";
import { CriteriaPreviewPanel, useCriteriaPreview } from "./criteria-preview-panel.tsx";
import { type DraftQuestion, draftKey, FormBuilder } from "./form-builder.tsx";
import {
  GeneralSettingsFields,
  type GeneralValues,
  generalBody,
  generalValuesOf,
} from "./general-settings-fields.tsx";
import { useProgrammeFrame } from "./programme-layout.tsx";
import { useProgrammeSaved } from "./programme-queries.ts";
import { type FieldErrors, schemaErrors, serverErrors, useFocusFirstInvalid } from "./settings-errors.ts";

export default function ProgrammeSettingsPage() {
  const { programme, isAdmin, orgId } = useProgrammeFrame();
  if (!isAdmin) return <AdminOnly title="Programme settings" />;
  const frozen = new Map(programme.frozenFields.map((item) => [item.field, item.reason]));
  return (
    <>
      <PageHeader
        title="Settings"
        description={`How “${programme.name}” runs, what people answer when they register, and how they are matched.`}
        actions={
          <a
            className="button button--secondary"
            href={`/api/orgs/${orgId}/programmes/${programme.id}/document`}
            download
          >
            Export as JSON
          </a>
        }
      />
      <nav aria-label="Settings sections" className="settings-jump">
        <a href="#general-settings">General</a>
        <a href="#registration-form">Registration form</a>
        <a href="#matching-criteria">Matching criteria</a>
      </nav>
      <GeneralSection orgId={orgId} programme={programme} frozen={frozen} />
      <FormSection orgId={orgId} programme={programme} frozenReason={frozen.get("registrationForm")} />
      <CriteriaSection orgId={orgId} programme={programme} frozenReason={frozen.get("matchConfig")} />
    </>
  );
}

/** One section's save: its PATCH, the saved programme put in place, "Saved" announced. */
function useSectionSave(orgId: string, programme: Programme, onSaved: (programme: Programme) => void) {
  const saved = useProgrammeSaved(orgId);
  return useMutation({
    mutationFn: (body: BodyOf<"updateProgramme">) =>
      api.call("updateProgramme", { params: { orgId, programmeId: programme.id }, body }),
    onSuccess: (updated) => {
      saved(updated);
      onSaved(updated);
    },
  });
}

const FIELD_NAMES: Record<string, string> = {
  name: "Name",
  description: "Description",
  type: "Kind of programme",
  evergreen: "Evergreen",
  startsOn: "Start date",
  endsOn: "End date",
  rolesOffered: "Roles",
  defaultMentorCapacity: "Mentees per mentor",
  matchingMode: "Matching",
  registrationForm: "Registration form",
  matchConfig: "Matching criteria",
  requestExpiryDays: "Days a request waits",
  requestReminderDays: "Reminder",
  pendingRequestCap: "Requests a mentee may have waiting",
  requiresApproval: "Approval",
};

/** "registrationForm.1.options" → "Question 2, options"; "matchConfig.criteria.0" → "Criterion 1". */
function describeField(path: string): string {
  const question = /^registrationForm\.(\d+)\.?(.*)$/.exec(path);
  if (question) return `Question ${Number(question[1]) + 1}${question[2] ? `, ${question[2]}` : ""}`;
  const criterion = /^matchConfig\.criteria\.(\d+)\.?(.*)$/.exec(path);
  if (criterion) return `Criterion ${Number(criterion[1]) + 1}${criterion[2] ? `, ${criterion[2]}` : ""}`;
  return FIELD_NAMES[path.split(".")[0]] ?? path;
}

/** The save button, "Saved." announced, and what stopped a save, each problem named in words. */
function SaveBar({
  label,
  busy,
  saved,
  error,
  fieldErrors,
  disabled,
}: {
  label: string;
  busy: boolean;
  saved: boolean;
  error: unknown;
  fieldErrors: FieldErrors;
  disabled?: boolean;
}) {
  const problems = Object.entries(fieldErrors);
  return (
    <>
      {problems.length > 0 ? (
        <Alert tone="error" title="Not saved: please correct these">
          <ul className="save-problems">
            {problems.map(([path, message]) => (
              <li key={path}>
                {describeField(path)}: {message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : error ? (
        <Alert tone="error">{describeError(error)}</Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" busy={busy} busyLabel="Saving…" disabled={disabled}>
          {label}
        </Button>
        <span aria-live="polite" className="saved">
          {saved ? "Saved." : ""}
        </span>
      </div>
    </>
  );
}

function GeneralSection({
  orgId,
  programme,
  frozen,
}: {
  orgId: string;
  programme: Programme;
  frozen: ReadonlyMap<string, string>;
}) {
  const [values, setValues] = useState<GeneralValues>(() => generalValuesOf(programme));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [isSaved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSectionSave(orgId, programme, (updated) => {
    setValues(generalValuesOf(updated));
    setSaved(true);
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverErrors(save.error);
  useFocusFirstInvalid(formRef, Object.keys(clientErrors).length > 0 ? clientErrors : save.error);
  const readOnly = frozen.has("name");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = generalBody(values);
    const problems = schemaErrors(UpdateProgrammeRequestSchema, body);
    setClientErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate(body);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="general-settings">
      <Card>
        <h2 id="general-settings" className="card__title">
          General
        </h2>
        {readOnly ? (
          <Alert tone="info">
            This programme is archived: nothing can change. Duplicate it to run it again.
          </Alert>
        ) : frozen.has("matchingMode") ? (
          <Alert tone="info">Only the name and description can change once the programme is completed.</Alert>
        ) : null}
        <fieldset className="stack settings-fieldset" disabled={readOnly}>
          <GeneralSettingsFields
            values={values}
            onChange={(next) => {
              setValues(next);
              setSaved(false);
            }}
            errors={errors}
            frozen={frozen}
            cohortWeeks={findTemplate(programme.template ?? "")?.settings.cohortWeeks ?? 12}
            idPrefix="settings"
          />
        </fieldset>
        <SaveBar
          label="Save general settings"
          busy={save.isPending}
          saved={isSaved}
          error={save.error}
          fieldErrors={errors}
          disabled={readOnly}
        />
      </Card>
    </form>
  );
}

const questionDrafts = (programme: Programme): DraftQuestion[] =>
  programme.registrationForm.map((question) => ({ key: draftKey(), question }));

function FormSection({
  orgId,
  programme,
  frozenReason,
}: {
  orgId: string;
  programme: Programme;
  frozenReason: string | undefined;
}) {
  const [questions, setQuestions] = useState(() => questionDrafts(programme));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [isSaved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSectionSave(orgId, programme, (updated) => {
    setQuestions(questionDrafts(updated));
    setSaved(true);
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverErrors(save.error);
  useFocusFirstInvalid(formRef, Object.keys(clientErrors).length > 0 ? clientErrors : save.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const registrationForm = questions.map((item) => item.question);
    const problems = prefixed("registrationForm", schemaErrors(RegistrationFormSchema, registrationForm));
    setClientErrors(problems);
    if (Object.keys(problems).length === 0) save.mutate({ registrationForm });
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="registration-form">
      <Card>
        <h2 id="registration-form" className="card__title">
          Registration form
        </h2>
        <p className="muted">
          What people answer when they join. Answers to questions “used in matching” can be compared by the
          criteria below (save the form first).
        </p>
        {frozenReason ? <Alert tone="info">The registration form {frozenReason}.</Alert> : null}
        <FormBuilder
          questions={questions}
          onChange={(next) => {
            setQuestions(next);
            setSaved(false);
          }}
          errors={errors}
          disabled={Boolean(frozenReason)}
        />
        {frozenReason ? null : (
          <SaveBar
            label="Save registration form"
            busy={save.isPending}
            saved={isSaved}
            error={save.error}
            fieldErrors={errors}
          />
        )}
      </Card>
    </form>
  );
}

/** Keys a schema of one part gives ("0.label") as the whole body names them ("registrationForm.0.label"). */
function prefixed(prefix: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(
    Object.entries(errors).map(([key, message]) => [key === "body" ? prefix : `${prefix}.${key}`, message]),
  );
}

const criterionDrafts = (programme: Programme): DraftCriterion[] =>
  programme.matchConfig.criteria.map((criterion) => ({ key: criterionKey(), criterion }));

function CriteriaSection({
  orgId,
  programme,
  frozenReason,
}: {
  orgId: string;
  programme: Programme;
  frozenReason: string | undefined;
}) {
  const [criteria, setCriteria] = useState(() => criterionDrafts(programme));
  const [serverShown, setServerShown] = useState(true);
  const [attempted, setAttempted] = useState(false);
  const [failedAttempt, setFailedAttempt] = useState(0);
  const [isSaved, setSaved] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSectionSave(orgId, programme, (updated) => {
    setCriteria(criterionDrafts(updated));
    setSaved(true);
    setAttempted(false);
  });
  const list = useMemo(() => criteria.map((item) => item.criterion), [criteria]);
  // Checked as the admin edits, with the server's own rules, so mistakes show at once.
  const liveErrors = useMemo(
    () => prefixed("matchConfig", schemaErrors(MatchConfigSchema, { criteria: list })),
    [list],
  );
  const invalid = Object.keys(liveErrors).length > 0;
  const errors = invalid ? liveErrors : serverShown ? serverErrors(save.error) : {};
  const preview = useCriteriaPreview(orgId, programme.id, list, !invalid);
  useFocusFirstInvalid(formRef, save.error);
  useFocusFirstInvalid(formRef, failedAttempt || null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setServerShown(true);
    setAttempted(true);
    if (invalid) {
      setFailedAttempt((n) => n + 1);
      return;
    }
    const { criteria: _old, ...rest } = programme.matchConfig;
    save.mutate({ matchConfig: { ...rest, criteria: list } });
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-labelledby="matching-criteria">
      <Card>
        <h2 id="matching-criteria" className="card__title">
          Matching criteria
        </h2>
        <p className="muted">
          Each criterion scores a pair with its weight (0 to 10). A hard rule removes every pair that fails
          it; the preview counts them as you edit.
        </p>
        {frozenReason ? <Alert tone="info">The criteria {frozenReason}.</Alert> : null}
        <div className="criteria-layout">
          <CriteriaEditor
            criteria={criteria}
            onChange={(next) => {
              setCriteria(next);
              setSaved(false);
              setServerShown(false);
            }}
            questions={programme.registrationForm}
            errors={errors}
            disabled={Boolean(frozenReason)}
            preview={invalid ? null : preview.data}
          />
          <CriteriaPreviewPanel
            preview={preview.data}
            updating={preview.isFetching}
            error={preview.error}
            invalid={invalid}
          />
        </div>
        {frozenReason ? null : (
          <SaveBar
            label="Save criteria"
            busy={save.isPending}
            saved={isSaved}
            error={save.error}
            fieldErrors={attempted ? errors : {}}
          />
        )}
      </Card>
    </form>
  );
}
