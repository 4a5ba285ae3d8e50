import { useMutation } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link, useNavigate } from "react-router";
import { CreateProgrammeRequestSchema, type ProgrammeTemplate } from "../../../contracts/programmes.ts";
import { DEFAULT_MATCH_CONFIG } from "../../../core/programmes/matcher-input.ts";
import { describeError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, isAdminOf, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Card, Loading, PageHeader } from "../../components/page.tsx";
import { CheckField } from "./check-field.tsx";
import {
  type GeneralValues,
  GeneralSettingsFields,
  generalBody,
  generalValuesOf,
} from "./general-settings-fields.tsx";
import { MODE_LABELS, TYPE_LABELS } from "./programme-labels.ts";
import { useProgrammeSaved, useProgrammeTemplates } from "./programme-queries.ts";
import { type FieldErrors, schemaErrors, serverErrors, useFocusFirstInvalid } from "./settings-errors.ts";
import "./programmes.css";

const SCRATCH = "scratch";

/** A programme from scratch, before the admin's choices (the server's defaults). */
const scratchSettings: ProgrammeTemplate["settings"] = {
  description: "",
  type: "one_to_one",
  evergreen: false,
  cohortWeeks: 12,
  rolesOffered: ["mentee", "mentor"],
  defaultMentorCapacity: 1,
  matchingMode: "both",
  registrationForm: [],
  matchConfig: DEFAULT_MATCH_CONFIG as ProgrammeTemplate["settings"]["matchConfig"],
  requestExpiryDays: 14,
  requestReminderDays: 3,
  pendingRequestCap: 3,
  requiresApproval: false,
};

export default function NewProgrammePage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="New programme" />;
  return <NewProgramme orgId={me.currentOrgId} />;
}

function NewProgramme({ orgId }: { orgId: string }) {
  const templates = useProgrammeTemplates(orgId);
  const [choice, setChoice] = useState<string>("developer-cohort");
  const [step, setStep] = useState<"choose" | "details">("choose");
  const list = templates.data?.templates ?? [];
  const chosen = list.find((template) => template.id === choice);

  return (
    <>
      <PageHeader
        title="New programme"
        description={
          step === "choose"
            ? "Step 1 of 2: start from a template, or from scratch."
            : `Step 2 of 2: the details of your ${chosen ? `“${chosen.name}”` : "new"} programme.`
        }
      />
      {templates.isPending ? <Loading label="Loading templates…" /> : null}
      {templates.isError ? <Alert tone="error">{describeError(templates.error)}</Alert> : null}
      {templates.data && step === "choose" ? (
        <TemplateChoice
          templates={list}
          choice={choice}
          onChoose={setChoice}
          onContinue={() => setStep("details")}
        />
      ) : null}
      {templates.data && step === "details" ? (
        <DetailsForm orgId={orgId} template={chosen ?? null} onBack={() => setStep("choose")} key={choice} />
      ) : null}
    </>
  );
}

function TemplateChoice({
  templates,
  choice,
  onChoose,
  onContinue,
}: {
  templates: ProgrammeTemplate[];
  choice: string;
  onChoose: (id: string) => void;
  onContinue: () => void;
}) {
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onContinue();
      }}
    >
      <fieldset className="template-choice">
        <legend className="visually-hidden">Start from</legend>
        {templates.map((template) => (
          <div key={template.id} className="template-option">
            <CheckField
              type="radio"
              name="template"
              value={template.id}
              id={`template-${template.id}`}
              checked={choice === template.id}
              onChange={() => onChoose(template.id)}
              label={<span className="template-option__name">{template.name}</span>}
              hint={
                <>
                  {template.summary}
                  <span className="template-option__facts">
                    {TYPE_LABELS[template.settings.type]} ·{" "}
                    {template.settings.cohortWeeks ? `${template.settings.cohortWeeks} weeks` : "evergreen"} ·{" "}
                    {MODE_LABELS[template.settings.matchingMode].toLowerCase()} ·{" "}
                    {template.settings.registrationForm.length} registration questions
                  </span>
                </>
              }
            />
          </div>
        ))}
        <div className="template-option">
          <CheckField
            type="radio"
            name="template"
            value={SCRATCH}
            id="template-scratch"
            checked={choice === SCRATCH}
            onChange={() => onChoose(SCRATCH)}
            label={<span className="template-option__name">Start from scratch</span>}
            hint="1:1 mentoring for 12 weeks with the default criteria and an empty registration form."
          />
        </div>
      </fieldset>
      <div className="form-actions">
        <Button type="submit">Continue</Button>
        <Link to={paths.programmes} className="button button--ghost">
          Cancel
        </Link>
      </div>
    </form>
  );
}

function DetailsForm({
  orgId,
  template,
  onBack,
}: {
  orgId: string;
  template: ProgrammeTemplate | null;
  onBack: () => void;
}) {
  const navigate = useNavigate();
  const saved = useProgrammeSaved(orgId);
  const settings = template?.settings ?? scratchSettings;
  const [values, setValues] = useState<GeneralValues>(() => generalValuesOf(settings));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef(false);
  useEffect(() => {
    if (nameRef.current) return;
    nameRef.current = true;
    formRef.current?.querySelector<HTMLInputElement>("input[name=name]")?.focus();
  }, []);

  const create = useMutation({
    mutationFn: (body: BodyOf<"createProgramme">) => api.call("createProgramme", { params: { orgId }, body }),
    onSuccess: (programme) => {
      saved(programme);
      navigate(to(paths.programmeSettings, { programmeId: programme.id }), {
        state: {
          flash: `“${programme.name}” is created as a draft. Review its registration form and criteria, then open registration.`,
        },
      });
    },
  });
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverErrors(create.error);
  useFocusFirstInvalid(formRef, Object.keys(clientErrors).length > 0 ? clientErrors : create.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const general = generalBody(values);
    const body: BodyOf<"createProgramme"> = {
      ...(template ? { template: template.id } : {}),
      ...general,
      // empty end: the server sets it from the cohort length
      endsOn: general.endsOn ?? undefined,
    };
    const problems = schemaErrors(CreateProgrammeRequestSchema, body);
    setClientErrors(problems);
    if (Object.keys(problems).length === 0) create.mutate(body);
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <Card title={template ? template.name : "From scratch"}>
        <div className="stack">
          <GeneralSettingsFields
            values={values}
            onChange={setValues}
            errors={errors}
            cohortWeeks={settings.cohortWeeks ?? 12}
            idPrefix="new"
          />
          <p className="muted">
            {template
              ? `The template's registration form (${settings.registrationForm.length} questions) and matching criteria come with it: you can change them after creating.`
              : "You can add registration questions and tune the matching criteria after creating."}
          </p>
        </div>
      </Card>
      {create.isError && Object.keys(errors).length === 0 ? (
        <Alert tone="error">{describeError(create.error)}</Alert>
      ) : null}
      {Object.keys(errors).length > 0 ? (
        <Alert tone="error">Please correct the highlighted fields.</Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" busy={create.isPending} busyLabel="Creating…">
          Create draft programme
        </Button>
        <Button variant="secondary" onClick={onBack}>
          Back to templates
        </Button>
      </div>
    </form>
  );
}
