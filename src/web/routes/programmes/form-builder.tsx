import { useEffect, useRef, useState } from "react";
import type { FormQuestionInput } from "../../../contracts/programmes.ts";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { CheckField } from "./check-field.tsx";
import { QUESTION_KIND_LABELS } from "./programme-labels.ts";
import { errorsUnder, type FieldErrors } from "./settings-errors.ts";

type Kind = FormQuestionInput["kind"];
export interface DraftQuestion {
  /** A key for React only (never sent). */
  key: string;
  question: FormQuestionInput;
}

let nextKey = 0;
export const draftKey = () => `q${++nextKey}`;

const isChoice = (kind: Kind) => kind === "single_choice" || kind === "multiple_choice";

/** A question id from its label: "Which track?" → "which_track" (unique among the others). */
function idFrom(label: string, taken: ReadonlySet<string>): string {
  const base =
    label
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 32) || "question";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

/** A question of a kind with sensible starting values. */
function blankQuestion(kind: Kind, taken: ReadonlySet<string>): FormQuestionInput {
  const label = `New ${QUESTION_KIND_LABELS[kind].toLowerCase()} question`;
  return {
    id: idFrom(label, taken),
    kind,
    label,
    required: false,
    usedInMatching: false,
    ...(isChoice(kind) ? { options: ["First choice", "Second choice"] } : {}),
    ...(kind === "scale" ? { min: 1, max: 5 } : {}),
  };
}

/** For a new kind: keep what fits, add what the kind needs, drop what it does not use. */
function withKind(question: FormQuestionInput, kind: Kind): FormQuestionInput {
  const { options, min, max, ...rest } = question;
  return {
    ...rest,
    kind,
    ...(isChoice(kind)
      ? { options: options && options.length >= 2 ? options : ["First choice", "Second choice"] }
      : {}),
    ...(kind === "scale" ? { min: min ?? 1, max: max ?? 5 } : {}),
  };
}

interface Props {
  questions: DraftQuestion[];
  onChange: (questions: DraftQuestion[]) => void;
  errors: FieldErrors;
  disabled: boolean;
}

/**
 * The registration form builder: questions of each kind with their choices, required and
 * used-in-matching toggles, moved with buttons (keyboard friendly), removed, added.
 */
export function FormBuilder({ questions, onChange, errors, disabled }: Props) {
  const [newKind, setNewKind] = useState<Kind>("single_choice");
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  // After adding a question its label field takes focus; after a move, the moved button keeps it.
  useEffect(() => {
    if (!focusKey) return;
    listRef.current?.querySelector<HTMLElement>(`[data-focus="${focusKey}"]`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const update = (index: number, question: FormQuestionInput) =>
    onChange(questions.map((item, k) => (k === index ? { ...item, question } : item)));
  const move = (index: number, by: -1 | 1, button: string) => {
    const next = [...questions];
    const [item] = next.splice(index, 1);
    const to = index + by;
    next.splice(to, 0, item);
    onChange(next);
    // at an end the pressed button is disabled: keep focus on the other one
    const atEnd = (button === "up" && to === 0) || (button === "down" && to === next.length - 1);
    setFocusKey(`${item.key}-${atEnd ? (button === "up" ? "down" : "up") : button}`);
  };
  const remove = (index: number) => {
    onChange(questions.filter((_, k) => k !== index));
    const neighbour = questions[index + 1] ?? questions[index - 1];
    setFocusKey(neighbour ? `${neighbour.key}-label` : "add-question");
  };
  const add = () => {
    const taken = new Set(questions.map((item) => item.question.id));
    const item = { key: draftKey(), question: blankQuestion(newKind, taken) };
    onChange([...questions, item]);
    setFocusKey(`${item.key}-label`);
  };

  return (
    <div className="form-builder">
      {questions.length === 0 ? (
        <p className="muted">
          No questions yet: people register with their profile only. Add a question below.
        </p>
      ) : null}
      <ol className="form-builder__list" ref={listRef}>
        {questions.map((item, index) => (
          <li key={item.key} className="question-editor">
            <QuestionEditor
              item={item}
              index={index}
              count={questions.length}
              errors={errorsUnder(errors, `registrationForm.${index}.`)}
              disabled={disabled}
              onChange={(question) => update(index, question)}
              onMove={(by, button) => move(index, by, button)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      {disabled ? null : (
        <div className="form-builder__add">
          <SelectField
            label="Kind of question"
            name="newQuestionKind"
            id="new-question-kind"
            value={newKind}
            onChange={(event) => setNewKind(event.target.value as Kind)}
          >
            {Object.entries(QUESTION_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <Button variant="secondary" onClick={add} data-focus="add-question">
            Add question
          </Button>
        </div>
      )}
    </div>
  );
}

function QuestionEditor({
  item,
  index,
  count,
  errors,
  disabled,
  onChange,
  onMove,
  onRemove,
}: {
  item: DraftQuestion;
  index: number;
  count: number;
  errors: FieldErrors;
  disabled: boolean;
  onChange: (question: FormQuestionInput) => void;
  onMove: (by: -1 | 1, button: string) => void;
  onRemove: () => void;
}) {
  const { question } = item;
  const id = (field: string) => `question-${item.key}-${field}`;
  const set = <K extends keyof FormQuestionInput>(field: K, value: FormQuestionInput[K]) =>
    onChange({ ...question, [field]: value });
  const name = question.label.trim() || `question ${index + 1}`;
  const options = question.options ?? [];
  const optionsError =
    errors.options ?? Object.entries(errors).find(([key]) => key.startsWith("options."))?.[1];

  return (
    <fieldset className="fieldset question-editor__fields" disabled={disabled}>
      <legend>
        Question {index + 1}: {QUESTION_KIND_LABELS[question.kind]}
      </legend>
      <div className="question-editor__grid">
        <Field
          label="Question"
          name={`label-${item.key}`}
          id={id("label")}
          data-focus={`${item.key}-label`}
          value={question.label}
          maxLength={200}
          error={errors.label}
          onChange={(event) => set("label", event.target.value)}
        />
        <SelectField
          label="Kind"
          name={`kind-${item.key}`}
          id={id("kind")}
          value={question.kind}
          error={errors.kind}
          onChange={(event) => onChange(withKind(question, event.target.value as Kind))}
        >
          {Object.entries(QUESTION_KIND_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
        <Field
          label="Help text (optional)"
          name={`help-${item.key}`}
          id={id("help")}
          value={question.help ?? ""}
          maxLength={500}
          error={errors.help}
          onChange={(event) => set("help", event.target.value || undefined)}
        />
        <SelectField
          label="Who answers"
          name={`audience-${item.key}`}
          id={id("audience")}
          value={question.audience ?? "both"}
          onChange={(event) => set("audience", event.target.value as FormQuestionInput["audience"])}
        >
          <option value="both">Everyone</option>
          <option value="mentee">Mentees</option>
          <option value="mentor">Mentors</option>
        </SelectField>
        <Field
          label="Key"
          name={`id-${item.key}`}
          id={id("id")}
          value={question.id}
          maxLength={40}
          hint="Letters, digits, - and _. Criteria and imports refer to the question by it."
          error={errors.id}
          onChange={(event) => set("id", event.target.value)}
        />
      </div>

      {isChoice(question.kind) ? (
        <fieldset
          className="fieldset question-editor__options"
          aria-describedby={optionsError ? id("options-error") : undefined}
        >
          <legend>Choices</legend>
          <ul className="option-list">
            {options.map((option, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: choices are edited in place; their position is their identity
              <li key={k} className="option-list__item">
                <Field
                  label={`Choice ${k + 1}`}
                  name={`option-${item.key}-${k}`}
                  id={id(`option-${k}`)}
                  value={option}
                  maxLength={100}
                  error={errors[`options.${k}`]}
                  onChange={(event) =>
                    set(
                      "options",
                      options.map((value, n) => (n === k ? event.target.value : value)),
                    )
                  }
                />
                <Button
                  variant="ghost"
                  size="small"
                  onClick={() =>
                    set(
                      "options",
                      options.filter((_, n) => n !== k),
                    )
                  }
                >
                  Remove
                  <span className="visually-hidden">
                    {" "}
                    choice {k + 1} ({option || "empty"}) of {name}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
          {optionsError ? (
            <p id={id("options-error")} className="field__error">
              Choices: {optionsError}
            </p>
          ) : null}
          <Button variant="secondary" size="small" onClick={() => set("options", [...options, ""])}>
            Add choice<span className="visually-hidden"> to {name}</span>
          </Button>
        </fieldset>
      ) : null}

      {question.kind === "scale" ? (
        <div className="question-editor__scale">
          <Field
            label="From"
            name={`min-${item.key}`}
            id={id("min")}
            type="number"
            inputMode="numeric"
            value={question.min ?? 1}
            error={errors.min}
            onChange={(event) =>
              set("min", event.target.value === "" ? undefined : Number(event.target.value))
            }
          />
          <Field
            label="To"
            name={`max-${item.key}`}
            id={id("max")}
            type="number"
            inputMode="numeric"
            value={question.max ?? 5}
            error={errors.max}
            onChange={(event) =>
              set("max", event.target.value === "" ? undefined : Number(event.target.value))
            }
          />
        </div>
      ) : null}

      <div className="check-row">
        <CheckField
          label="Required"
          id={id("required")}
          checked={question.required}
          onChange={(event) => set("required", event.target.checked)}
        />
        <CheckField
          label="Used in matching"
          hint={question.kind === "skills" ? "Skills answers go to the skills criterion." : undefined}
          id={id("usedInMatching")}
          checked={question.usedInMatching}
          onChange={(event) => set("usedInMatching", event.target.checked)}
        />
      </div>
      <div className="question-editor__actions">
        <Button
          variant="ghost"
          size="small"
          disabled={index === 0}
          data-focus={`${item.key}-up`}
          onClick={() => onMove(-1, "up")}
        >
          Move up<span className="visually-hidden">: {name}</span>
        </Button>
        <Button
          variant="ghost"
          size="small"
          disabled={index === count - 1}
          data-focus={`${item.key}-down`}
          onClick={() => onMove(1, "down")}
        >
          Move down<span className="visually-hidden">: {name}</span>
        </Button>
        <Button variant="danger" size="small" onClick={onRemove}>
          Remove question<span className="visually-hidden">: {name}</span>
        </Button>
      </div>
    </fieldset>
  );
}
