import { useEffect, useId } from "react";
import type {
  Answer,
  EnrolmentRoleValue,
  FormQuestionView,
  ProgrammeForRegistration,
} from "../../../contracts/enrolment.ts";
import { ApiError } from "../../api/api-error.ts";
import { Field, phraseError } from "../../components/field.tsx";
import { ROLE_LABELS } from "./enrolment-queries.ts";

/** What the registration form holds while a person fills it in. Skills answers stay text until sent. */
export interface RegistrationDraft {
  role: EnrolmentRoleValue | "";
  mentorCapacity: string;
  answers: Record<string, unknown>;
}

/** Field errors keyed "role", "mentorCapacity" or "answers.<questionId>". */
export type DraftErrors = Record<string, string>;

const applies = (question: FormQuestionView, role: RegistrationDraft["role"]) =>
  !role || role === "both" || (question.audience ?? "both") === "both" || question.audience === role;

/** The draft of someone already registered (or empty), from the answers the server keeps. */
export function draftFrom(
  programme: ProgrammeForRegistration,
  enrolment: {
    role: EnrolmentRoleValue;
    mentorCapacity: number;
    answers: { questionId: string; value: unknown }[];
  } | null,
): RegistrationDraft {
  const answers: Record<string, unknown> = {};
  for (const { questionId, value } of enrolment?.answers ?? []) {
    const question = programme.registrationForm.find((item) => item.id === questionId);
    answers[questionId] =
      question?.kind === "skills" && Array.isArray(value)
        ? (value as { skill: string; level: number }[])
            .map((item) => `${item.skill}:${item.level}`)
            .join("; ")
        : value;
  }
  return {
    role: enrolment?.role ?? (programme.rolesOffered.length === 1 ? programme.rolesOffered[0] : ""),
    mentorCapacity: String(
      enrolment && enrolment.role !== "mentee" ? enrolment.mentorCapacity : programme.defaultMentorCapacity,
    ),
    answers,
  };
}

/**
 * The answers to send, in the form's order (empty ones left out), or the problems found before
 * sending (a skills answer that is not "Skill:level; …", a required question left empty).
 */
export function answersFromDraft(
  programme: ProgrammeForRegistration,
  draft: RegistrationDraft,
): { answers: Answer[]; errors: DraftErrors } {
  const answers: Answer[] = [];
  const errors: DraftErrors = {};
  for (const question of programme.registrationForm) {
    if (!applies(question, draft.role)) continue;
    const raw = draft.answers[question.id];
    const empty = raw === undefined || raw === "" || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (question.required) errors[`answers.${question.id}`] = "is required";
      continue;
    }
    if (question.kind === "skills") {
      const items = String(raw)
        .split(/\s*[;,\n]\s*/)
        .filter((item) => item !== "");
      const skills = items.map((item) => /^(.+?)\s*:\s*([1-5])$/.exec(item));
      const bad = items.find((_, index) => !skills[index]);
      if (bad) errors[`answers.${question.id}`] = `"${bad}" needs a level from 1 to 5, like "TypeScript:4"`;
      else
        answers.push({
          questionId: question.id,
          value: skills.map((match) => ({ skill: match![1], level: Number(match![2]) })),
        });
      continue;
    }
    answers.push({ questionId: question.id, value: raw as Answer["value"] });
  }
  return { answers, errors };
}

/** Turns a draft into the request body, or the problems to show first. */
export function bodyFromDraft(programme: ProgrammeForRegistration, draft: RegistrationDraft) {
  const { answers, errors } = answersFromDraft(programme, draft);
  if (!draft.role) errors.role = "Choose how you want to take part";
  const capacity = Number(draft.mentorCapacity);
  const mentors = draft.role === "mentor" || draft.role === "both";
  if (mentors && (!Number.isInteger(capacity) || capacity < 1 || capacity > 50))
    errors.mentorCapacity = "must be a whole number from 1 to 50";
  return {
    errors,
    body: draft.role ? { role: draft.role, answers, ...(mentors ? { mentorCapacity: capacity } : {}) } : null,
  };
}

/** Moves focus to the first field with a problem, after a failed attempt. */
export function useFocusFirstProblem(errors: DraftErrors, attempt: number) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: after each attempt
  useEffect(() => {
    if (Object.keys(errors).length === 0) return;
    const invalid = document.querySelector<HTMLElement>(
      '.registration-form [aria-invalid="true"] input, .registration-form input[aria-invalid="true"], .registration-form textarea[aria-invalid="true"]',
    );
    invalid?.focus();
  }, [attempt]);
}

/** The server's field errors in the draft's keys ("body.answers.track" → "answers.track"). */
export function errorsFromServer(error: unknown): DraftErrors {
  if (!(error instanceof ApiError)) return {};
  const errors: DraftErrors = {};
  for (const detail of error.details) {
    const key = detail.path.replace(/^body\./, "");
    if (!(key in errors)) errors[key] = detail.message;
  }
  return errors;
}

function QuestionField({
  question,
  value,
  error,
  onChange,
}: {
  question: FormQuestionView;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
}) {
  const id = useId();
  const hintId = question.help ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const label = `${question.label}${question.required ? "" : " (optional)"}`;
  const hint = question.help ? (
    <p id={hintId} className="field__hint">
      {question.help}
    </p>
  ) : null;
  const errorLine = error ? (
    <p id={errorId} className="field__error">
      <span aria-hidden="true" className="field__error-icon">
        !
      </span>
      {phraseError(question.label, error)}
    </p>
  ) : null;

  if (question.kind === "single_choice" || question.kind === "multiple_choice" || question.kind === "scale") {
    const multiple = question.kind === "multiple_choice";
    const options =
      question.kind === "scale"
        ? Array.from({ length: (question.max ?? 5) - (question.min ?? 1) + 1 }, (_, index) =>
            String((question.min ?? 1) + index),
          )
        : (question.options ?? []);
    const chosen = multiple
      ? ((value as string[] | undefined) ?? [])
      : value === undefined
        ? ""
        : String(value);
    return (
      <fieldset
        className={`field choice-group${error ? " field--invalid" : ""}`}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      >
        <legend className="field__label">{label}</legend>
        {hint}
        <div className={question.kind === "scale" ? "choice-group__scale" : "choice-group__options"}>
          {options.map((option) => (
            <label key={option} className="choice">
              <input
                type={multiple ? "checkbox" : "radio"}
                name={`${id}-${question.id}`}
                value={option}
                checked={multiple ? (chosen as string[]).includes(option) : chosen === option}
                onChange={(event) => {
                  if (!multiple) onChange(question.kind === "scale" ? Number(option) : option);
                  else {
                    const list = chosen as string[];
                    onChange(
                      event.target.checked ? [...list, option] : list.filter((item) => item !== option),
                    );
                  }
                }}
              />
              <span>{option}</span>
            </label>
          ))}
        </div>
        {errorLine}
      </fieldset>
    );
  }

  if (question.kind === "text") {
    return (
      <div className={`field${error ? " field--invalid" : ""}`}>
        <label htmlFor={id} className="field__label">
          {label}
        </label>
        {hint}
        <textarea
          id={id}
          className="input textarea"
          rows={3}
          maxLength={2000}
          value={typeof value === "string" ? value : ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        {errorLine}
      </div>
    );
  }

  return (
    <Field
      label={label}
      name={`answer-${question.id}`}
      hint={
        question.help ?? 'Skills with a level from 1 to 5, separated by semicolons: "TypeScript:4; React:3"'
      }
      error={error}
      value={typeof value === "string" ? value : ""}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}

/** Role, mentor capacity and the programme's questions, each rendered by its kind. */
export function RegistrationFields({
  programme,
  draft,
  errors,
  onChange,
  roleLocked = false,
}: {
  programme: ProgrammeForRegistration;
  draft: RegistrationDraft;
  errors: DraftErrors;
  onChange: (draft: RegistrationDraft) => void;
  /** Registered people change their role through an admin: show it, do not offer to change it. */
  roleLocked?: boolean;
}) {
  const roleId = useId();
  const mentors = draft.role === "mentor" || draft.role === "both";
  return (
    <div className="stack">
      {roleLocked ? (
        <p>
          Your role: <strong>{draft.role ? ROLE_LABELS[draft.role] : ""}</strong>
          <span className="muted"> (ask the programme's admins to change it)</span>
        </p>
      ) : (
        <fieldset
          className={`field choice-group${errors.role ? " field--invalid" : ""}`}
          aria-describedby={errors.role ? `${roleId}-error` : undefined}
          aria-invalid={errors.role ? true : undefined}
        >
          <legend className="field__label">I want to take part as</legend>
          <div className="choice-group__options">
            {programme.rolesOffered.map((role) => (
              <label key={role} className="choice">
                <input
                  type="radio"
                  name={`${roleId}-role`}
                  value={role}
                  checked={draft.role === role}
                  onChange={() => onChange({ ...draft, role })}
                />
                <span>{ROLE_LABELS[role]}</span>
              </label>
            ))}
          </div>
          {errors.role ? (
            <p id={`${roleId}-error`} className="field__error">
              <span aria-hidden="true" className="field__error-icon">
                !
              </span>
              {phraseError("Role", errors.role)}
            </p>
          ) : null}
        </fieldset>
      )}
      {mentors ? (
        <Field
          label="How many mentees can you take at once?"
          name="mentorCapacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={50}
          className="field--narrow"
          value={draft.mentorCapacity}
          error={errors.mentorCapacity}
          onChange={(event) => onChange({ ...draft, mentorCapacity: event.target.value })}
        />
      ) : null}
      {programme.registrationForm
        .filter((question) => applies(question, draft.role))
        .map((question) => (
          <QuestionField
            key={question.id}
            question={question}
            value={draft.answers[question.id]}
            error={errors[`answers.${question.id}`]}
            onChange={(value) => onChange({ ...draft, answers: { ...draft.answers, [question.id]: value } })}
          />
        ))}
    </div>
  );
}
