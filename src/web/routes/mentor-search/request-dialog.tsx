import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { CADENCES, MEETING_FORMATS } from "../../../core/programmes/types.ts";
import type { MentorCard } from "../../../contracts/mentor-search.ts";
import { type CreateRequest, CreateRequestSchema, type RequestDetail } from "../../../contracts/requests.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, phraseError, SelectField } from "../../components/field.tsx";
import { requestKeys } from "../requests/request-api.ts";
import { mentorSearchKeys } from "./mentor-search-api.ts";
import { CADENCE_LABELS, FORMAT_LABELS } from "../requests/request-format.ts";
import { TextAreaField } from "../../components/text-area-field.tsx";

type Text = "goal" | "reality" | "options" | "will";

const STEPS: { key: Text | "expectations" | "review"; title: string; hint: string }[] = [
  { key: "goal", title: "Goal", hint: "What do you want to achieve with this mentor's help? Be specific." },
  { key: "reality", title: "Reality", hint: "Where are you now? What have you tried, what is in the way?" },
  { key: "options", title: "Options", hint: "What could you do? Which paths do you see, and which appeal?" },
  { key: "will", title: "Will", hint: "What will you commit to, and what do you ask of your mentor?" },
  { key: "expectations", title: "Working together", hint: "Propose how often and how you would meet." },
  { key: "review", title: "Review and send", hint: "Check your request before it goes." },
];

const TEXT_LABELS: Record<Text, string> = {
  goal: "Your goal",
  reality: "Where you are now",
  options: "Options you see",
  will: "What you will do",
};

interface Draft {
  goal: string;
  reality: string;
  options: string;
  will: string;
  cadence: (typeof CADENCES)[number];
  formats: (typeof MEETING_FORMATS)[number][];
  minutesPerMonth: string;
  note: string;
}

const EMPTY: Draft = {
  goal: "",
  reality: "",
  options: "",
  will: "",
  cadence: "fortnightly",
  formats: ["video"],
  minutesPerMonth: "120",
  note: "",
};

function toBody(mentorId: string, draft: Draft): CreateRequest {
  return {
    mentorId,
    goal: draft.goal,
    reality: draft.reality,
    options: draft.options,
    will: draft.will,
    expectations: {
      cadence: draft.cadence,
      formats: draft.formats,
      minutesPerMonth: Number(draft.minutesPerMonth),
      note: draft.note,
    },
  };
}

/** Errors of the whole body by field name ("goal", "expectations.formats"), from the contract. */
function problemsOf(mentorId: string, draft: Draft): Record<string, string> {
  const parsed = CreateRequestSchema.safeParse(toBody(mentorId, draft));
  const problems: Record<string, string> = {};
  for (const issue of parsed.error?.issues ?? []) {
    const key = issue.path.slice(0, 2).join(".");
    if (!(key in problems)) problems[key] = issue.message;
  }
  return problems;
}

const stepOf = (field: string) => {
  const index = STEPS.findIndex((step) => field === step.key || field.startsWith(`${step.key}.`));
  return index < 0 ? STEPS.length - 1 : index;
};

/**
 * The request in GROW steps (goal, reality, options, will), then expectations and a review, in a
 * native modal dialog (focus stays inside, Escape closes, focus returns to the card's button).
 * Each step is checked with the contract's schema before moving on.
 */
export function RequestDialog({
  orgId,
  programmeId,
  mentor,
  onClose,
  onSent,
}: {
  orgId: string;
  programmeId: string;
  mentor: MentorCard | null;
  onClose: () => void;
  onSent: (request: RequestDetail) => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [shown, setShown] = useState<Record<string, string>>({});
  const client = useQueryClient();
  const send = useMutation({
    mutationFn: (body: CreateRequest) => api.call("createRequest", { params: { orgId, programmeId }, body }),
    onSuccess: (request) => {
      client.invalidateQueries({ queryKey: mentorSearchKeys.programme(orgId, programmeId) });
      client.invalidateQueries({ queryKey: requestKeys.requests(orgId) });
      onSent(request);
    },
    onError: (error) => {
      if (!isApiError(error)) return;
      const fields = error.fieldErrors();
      const first = Object.keys(fields)[0];
      if (first) {
        setShown(fields);
        setStep(stepOf(first));
      }
    },
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (mentor && !dialog.open) {
      setStep(0);
      setDraft(EMPTY);
      setShown({});
      send.reset();
      dialog.showModal();
    } else if (!mentor && dialog.open) dialog.close();
  }, [mentor, send.reset]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: focus the new step's heading when the step changes
  useEffect(() => {
    if (mentor) headingRef.current?.focus();
  }, [step]);

  if (!mentor) return <dialog ref={ref} className="request-dialog" aria-labelledby={titleId} />;
  const current = STEPS[step];
  const first = mentor.name.split(" ")[0];
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((old) => ({ ...old, [key]: value }));
  const errorFor = (field: string) => shown[field];

  const next = (event: FormEvent) => {
    event.preventDefault();
    const problems = problemsOf(mentor.userId, draft);
    const here = Object.fromEntries(
      Object.entries(problems).filter(([field]) => stepOf(field) === step || current.key === "review"),
    );
    setShown(here);
    if (Object.keys(here).length > 0) {
      const field = Object.keys(here)[0];
      if (current.key === "review") setStep(stepOf(field));
      else ref.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    if (current.key === "review") send.mutate(toBody(mentor.userId, draft));
    else setStep(step + 1);
  };

  return (
    <dialog
      ref={ref}
      className="request-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId} className="request-dialog__title">
        Ask {mentor.name} to mentor you
      </h2>
      <ol className="request-steps" aria-label="Steps">
        {STEPS.map((item, index) => (
          <li
            key={item.key}
            className={
              index === step ? "request-steps__item request-steps__item--current" : "request-steps__item"
            }
            aria-current={index === step ? "step" : undefined}
          >
            {item.title}
          </li>
        ))}
      </ol>
      <form onSubmit={next} noValidate className="stack">
        <h3 ref={headingRef} tabIndex={-1} className="request-dialog__step">
          Step {step + 1} of {STEPS.length}: {current.title}
        </h3>
        {current.key === "goal" ||
        current.key === "reality" ||
        current.key === "options" ||
        current.key === "will" ? (
          <TextAreaField
            key={current.key}
            label={TEXT_LABELS[current.key]}
            name={current.key}
            hint={current.hint}
            required
            limit={2000}
            rows={5}
            value={draft[current.key]}
            error={errorFor(current.key)}
            onChange={(event) => set(current.key as Text, event.target.value)}
          />
        ) : null}
        {current.key === "expectations" ? (
          <>
            <p className="field__hint">{current.hint}</p>
            <SelectField
              label="How often"
              name="cadence"
              value={draft.cadence}
              error={errorFor("expectations.cadence")}
              onChange={(event) => set("cadence", event.target.value as Draft["cadence"])}
            >
              {CADENCES.map((cadence) => (
                <option key={cadence} value={cadence}>
                  {CADENCE_LABELS[cadence]}
                </option>
              ))}
            </SelectField>
            <fieldset
              className="fieldset request-formats"
              aria-describedby={errorFor("expectations.formats") ? "formats-error" : undefined}
            >
              <legend>How you would meet</legend>
              {MEETING_FORMATS.map((format) => (
                <label key={format} className="check">
                  <input
                    type="checkbox"
                    name="formats"
                    value={format}
                    checked={draft.formats.includes(format)}
                    onChange={(event) =>
                      set(
                        "formats",
                        event.target.checked
                          ? [...draft.formats, format]
                          : draft.formats.filter((item) => item !== format),
                      )
                    }
                  />{" "}
                  {FORMAT_LABELS[format]}
                </label>
              ))}
              {errorFor("expectations.formats") ? (
                <p id="formats-error" className="field__error">
                  <span aria-hidden="true" className="field__error-icon">
                    !
                  </span>
                  {phraseError("Formats", errorFor("expectations.formats") ?? "")}
                </p>
              ) : null}
            </fieldset>
            <Field
              label="Minutes a month"
              name="minutesPerMonth"
              type="number"
              inputMode="numeric"
              min={15}
              max={2400}
              step={15}
              hint="Time you would both give, e.g. 120 for two hours."
              value={draft.minutesPerMonth}
              error={errorFor("expectations.minutesPerMonth")}
              onChange={(event) => set("minutesPerMonth", event.target.value)}
            />
            <TextAreaField
              label="Anything else (optional)"
              name="note"
              limit={1000}
              rows={3}
              value={draft.note}
              error={errorFor("expectations.note")}
              onChange={(event) => set("note", event.target.value)}
            />
          </>
        ) : null}
        {current.key === "review" ? (
          <dl className="request-review">
            {(["goal", "reality", "options", "will"] as const).map((key) => (
              <div key={key}>
                <dt>{TEXT_LABELS[key]}</dt>
                <dd>{draft[key]}</dd>
              </div>
            ))}
            <div>
              <dt>Working together</dt>
              <dd>
                {CADENCE_LABELS[draft.cadence]},{" "}
                {draft.formats.map((format) => FORMAT_LABELS[format]).join(", ")}, {draft.minutesPerMonth}{" "}
                minutes a month{draft.note ? `. ${draft.note}` : ""}
              </dd>
            </div>
          </dl>
        ) : null}
        {send.isError && !Object.keys(isApiError(send.error) ? send.error.fieldErrors() : {}).length ? (
          <Alert tone="error">{describeError(send.error)}</Alert>
        ) : null}
        <div className="form-actions request-dialog__actions">
          <Button type="submit" busy={send.isPending} busyLabel="Sending…">
            {current.key === "review" ? `Send to ${first}` : "Next"}
          </Button>
          {step > 0 ? (
            <Button variant="secondary" onClick={() => setStep(step - 1)}>
              Back
            </Button>
          ) : null}
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </dialog>
  );
}
