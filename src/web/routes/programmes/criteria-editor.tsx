import { useState } from "react";
import type { CriteriaPreview, CriterionView, FormQuestionInput } from "../../../contracts/programmes.ts";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { CheckField } from "./check-field.tsx";
import { CRITERION_KIND_LABELS, describeCriterion, FIELD_LABELS, numberFormat } from "./programme-labels.ts";
import { errorsUnder, type FieldErrors } from "./settings-errors.ts";

export interface DraftCriterion {
  key: string;
  criterion: CriterionView;
}

let nextKey = 0;
export const criterionKey = () => `c${++nextKey}`;

type Kind = CriterionView["kind"];

/** A criterion of a kind with the settings it needs. */
function blankCriterion(kind: Kind, questions: readonly FormQuestionInput[]): CriterionView {
  switch (kind) {
    case "same":
    case "different": {
      const question = questions.find((q) => q.usedInMatching && q.kind !== "skills");
      return question ? { kind, question: question.id, weight: 5 } : { kind, field: "department", weight: 5 };
    }
    case "experienceGap":
      return { kind, weight: 5, minGap: 2, maxGap: 15 };
    case "workingHours":
      return { kind, weight: 5, minHours: 2 };
    case "availability":
      return { kind, weight: 5, minHours: 1, targetHours: 2 };
    default:
      return { kind, weight: 5 };
  }
}

const optionalNumber = (text: string) => (text === "" ? undefined : Number(text));

interface Props {
  criteria: DraftCriterion[];
  onChange: (criteria: DraftCriterion[]) => void;
  /** The saved form: same/different criteria compare its questions used in matching. */
  questions: readonly FormQuestionInput[];
  errors: FieldErrors;
  disabled: boolean;
  /** The counts of the criteria as they are now; null while they are being fixed. */
  preview: CriteriaPreview | undefined | null;
}

/** Each criterion with its weight (0-10) and hard-rule toggle, and the pairs each hard rule removes. */
export function CriteriaEditor({ criteria, onChange, questions, errors, disabled, preview }: Props) {
  const [newKind, setNewKind] = useState<Kind>("topics");
  const update = (index: number, criterion: CriterionView) =>
    onChange(criteria.map((item, k) => (k === index ? { ...item, criterion } : item)));
  const questionLabel = (id: string) => questions.find((q) => q.id === id)?.label ?? id;

  return (
    <div className="criteria-editor">
      <ol className="criteria-editor__list">
        {criteria.map((item, index) => (
          <li key={item.key} className="criterion-row">
            <CriterionRow
              item={item}
              index={index}
              questions={questions}
              questionLabel={questionLabel}
              errors={errorsUnder(errors, `matchConfig.criteria.${index}.`)}
              rowError={errors[`matchConfig.criteria.${index}`]}
              disabled={disabled}
              rule={preview === null ? null : preview?.rules.find((rule) => rule.criterionIndex === index)}
              onChange={(criterion) => update(index, criterion)}
              onRemove={() => onChange(criteria.filter((_, k) => k !== index))}
            />
          </li>
        ))}
      </ol>
      {disabled ? null : (
        <div className="form-builder__add">
          <SelectField
            label="Kind of criterion"
            name="newCriterionKind"
            id="new-criterion-kind"
            value={newKind}
            onChange={(event) => setNewKind(event.target.value as Kind)}
          >
            {Object.entries(CRITERION_KIND_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            onClick={() =>
              onChange([...criteria, { key: criterionKey(), criterion: blankCriterion(newKind, questions) }])
            }
          >
            Add criterion
          </Button>
        </div>
      )}
    </div>
  );
}

function CriterionRow({
  item,
  index,
  questions,
  questionLabel,
  errors,
  rowError,
  disabled,
  rule,
  onChange,
  onRemove,
}: {
  item: DraftCriterion;
  index: number;
  questions: readonly FormQuestionInput[];
  questionLabel: (id: string) => string;
  errors: FieldErrors;
  rowError: string | undefined;
  disabled: boolean;
  /** null: no count while the criteria are being fixed. */
  rule: CriteriaPreview["rules"][number] | undefined | null;
  onChange: (criterion: CriterionView) => void;
  onRemove: () => void;
}) {
  const { criterion } = item;
  const id = (field: string) => `criterion-${item.key}-${field}`;
  const title = describeCriterion(criterion, questionLabel);
  const set = (changes: Partial<CriterionView>) => onChange({ ...criterion, ...changes });
  const weight = criterion.weight ?? 0;
  const comparable = questions.filter((q) => q.usedInMatching && q.kind !== "skills");
  // The matcher's own words name the setting; here the admin only needs to know what to do.
  const doesNothing = !criterion.hard && !criterion.weight;
  const problem = doesNothing
    ? "Give it a weight above 0 or make it a hard rule: as it is, it does nothing."
    : (rowError ?? errors.weight ?? errors.hard);

  return (
    <fieldset className="fieldset criterion-row__fields" disabled={disabled}>
      <legend>{title}</legend>
      <div className="criterion-row__controls">
        <div className="field criterion-row__weight">
          <label htmlFor={id("weight")} className="field__label">
            Weight of “{title}”
          </label>
          <div className="weight-slider">
            <input
              id={id("weight")}
              type="range"
              min={0}
              max={10}
              step={1}
              value={weight}
              aria-valuetext={weight === 0 ? "0: does not score" : `${weight} of 10`}
              aria-describedby={problem ? id("problem") : undefined}
              aria-invalid={problem ? true : undefined}
              onChange={(event) => set({ weight: Number(event.target.value) })}
            />
            <output htmlFor={id("weight")} className="weight-slider__value" aria-hidden="true">
              {weight}
            </output>
          </div>
        </div>
        <CheckField
          label="Hard rule"
          hint="Pairs that fail it are never matched."
          id={id("hard")}
          checked={criterion.hard ?? false}
          onChange={(event) => set({ hard: event.target.checked || undefined })}
        />
        <Button variant="ghost" size="small" onClick={onRemove}>
          Remove<span className="visually-hidden"> criterion: {title}</span>
        </Button>
      </div>

      {criterion.kind === "same" || criterion.kind === "different" ? (
        <SelectField
          label="Compare"
          name={`compare-${item.key}`}
          id={id("compare")}
          value={criterion.question ? `question:${criterion.question}` : `field:${criterion.field ?? ""}`}
          error={errors.question ?? errors.field}
          onChange={(event) => {
            const [what, value] = event.target.value.split(":");
            const { field: _field, question: _question, ...rest } = criterion;
            onChange(
              what === "question"
                ? { ...rest, question: value }
                : { ...rest, field: value as CriterionView["field"] },
            );
          }}
        >
          <optgroup label="Profile">
            {Object.entries(FIELD_LABELS).map(([value, label]) => (
              <option key={value} value={`field:${value}`}>
                {label[0].toUpperCase() + label.slice(1)}
              </option>
            ))}
          </optgroup>
          {comparable.length > 0 ? (
            <optgroup label="Registration questions used in matching">
              {comparable.map((question) => (
                <option key={question.id} value={`question:${question.id}`}>
                  {question.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          {criterion.question && !comparable.some((q) => q.id === criterion.question) ? (
            <option value={`question:${criterion.question}`}>
              {criterion.question} (not in the saved form)
            </option>
          ) : null}
        </SelectField>
      ) : null}
      {criterion.kind === "experienceGap" ? (
        <div className="question-editor__scale">
          <Field
            label="Mentor at least … years more"
            name={`minGap-${item.key}`}
            id={id("minGap")}
            type="number"
            value={criterion.minGap ?? ""}
            error={errors.minGap}
            onChange={(event) => set({ minGap: optionalNumber(event.target.value) })}
          />
          <Field
            label="… and at most"
            name={`maxGap-${item.key}`}
            id={id("maxGap")}
            type="number"
            value={criterion.maxGap ?? ""}
            error={errors.maxGap}
            onChange={(event) => set({ maxGap: optionalNumber(event.target.value) })}
          />
        </div>
      ) : null}
      {criterion.kind === "workingHours" || criterion.kind === "availability" ? (
        <Field
          label={criterion.kind === "workingHours" ? "At least … hours a day" : "At least … hours a week"}
          name={`minHours-${item.key}`}
          id={id("minHours")}
          type="number"
          min={0}
          step={0.5}
          value={criterion.minHours ?? ""}
          error={errors.minHours}
          onChange={(event) => set({ minHours: optionalNumber(event.target.value) })}
        />
      ) : null}

      {problem ? (
        <p id={id("problem")} className="field__error">
          {problem}
        </p>
      ) : null}
      {criterion.hard && rule !== null ? (
        <p className="criterion-row__count" data-testid={`rule-count-${index}`}>
          {rule
            ? `Removes ${numberFormat.format(rule.removes)} ${rule.removes === 1 ? "pair" : "pairs"}` +
              (rule.removesOnly !== rule.removes
                ? ` (${numberFormat.format(rule.removesOnly)} by this rule alone)`
                : "")
            : "Counting the pairs it removes…"}
        </p>
      ) : null}
    </fieldset>
  );
}
