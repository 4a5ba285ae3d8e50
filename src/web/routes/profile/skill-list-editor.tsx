import { type KeyboardEvent, useId, useState } from "react";
import { PROFILE_LIMITS, type SkillLevel } from "../../../contracts/profiles.ts";
import { Button } from "../../components/button.tsx";
import { Field, phraseError, SelectField } from "../../components/field.tsx";
import { type ProfileErrors, errorWithin, listProblem } from "./profile-draft.ts";
import { LEVEL_NAMES } from "./profile-format.ts";

const LEVELS = [1, 2, 3, 4, 5];

interface SkillListEditorProps {
  /** "skillsOffered" or "skillsWanted": the field the errors are keyed by. */
  field: string;
  legend: string;
  /** The new skill's field ("Skill I can offer") and the button that adds it ("Add to skills I can offer"). */
  fieldLabel: string;
  buttonLabel: string;
  items: SkillLevel[];
  onChange: (items: SkillLevel[]) => void;
  suggestions: string[];
  errors: ProfileErrors;
}

/**
 * A list of skills with a level from 1 to 5 each. New skills come from the organisation's list
 * (offered as suggestions while typing) or are typed freely. Enter adds; focus stays in the
 * input, and returns there after a removal.
 */
export function SkillListEditor({
  field,
  legend,
  fieldLabel,
  buttonLabel,
  items,
  onChange,
  suggestions,
  errors,
}: SkillListEditorProps) {
  const id = useId();
  const [name, setName] = useState("");
  const [level, setLevel] = useState(3);
  const [problem, setProblem] = useState<string>();
  const focusInput = () => document.getElementById(`${id}-new`)?.focus();
  const taken = new Set(items.map((item) => item.skill.trim().toLowerCase()));
  const full = items.length >= PROFILE_LIMITS.skills;

  function add() {
    const skill = name.trim();
    if (!skill) return setProblem("Type a skill name first.");
    if (taken.has(skill.toLowerCase())) return setProblem(`${skill} is already on this list.`);
    if (full) return setProblem(`This list holds at most ${PROFILE_LIMITS.skills} skills.`);
    const listed = suggestions.find((item) => item.toLowerCase() === skill.toLowerCase());
    onChange([...items, { skill: listed ?? skill, level }]);
    setName("");
    setProblem(undefined);
    focusInput();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  }

  const listError = listProblem(errors, field);
  return (
    <fieldset className="fieldset profile-list" aria-describedby={listError ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {items.length === 0 ? <p className="muted profile-list__empty">None yet.</p> : null}
      <ul className="profile-skills">
        {items.map((item, index) => {
          const itemError = errorWithin(errors, `${field}.${index}`);
          return (
            <li key={item.skill} className="profile-skill">
              <span className="profile-skill__name">{item.skill}</span>
              <label className="visually-hidden" htmlFor={`${id}-level-${index}`}>
                Level of {item.skill}
              </label>
              <select
                id={`${id}-level-${index}`}
                className="input input--compact select profile-skill__level"
                value={item.level}
                aria-invalid={itemError ? true : undefined}
                onChange={(event) =>
                  onChange(
                    items.map((other, i) =>
                      i === index ? { ...other, level: Number(event.target.value) } : other,
                    ),
                  )
                }
              >
                {LEVELS.map((value) => (
                  <option key={value} value={value}>
                    {value} · {LEVEL_NAMES[value]}
                  </option>
                ))}
              </select>
              <Button
                variant="ghost"
                size="small"
                aria-label={`Remove ${item.skill}`}
                onClick={() => {
                  onChange(items.filter((_, i) => i !== index));
                  focusInput();
                }}
              >
                Remove
              </Button>
              {itemError ? (
                <p className="field__error profile-skill__error">{phraseError(item.skill, itemError)}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <div className="profile-add">
        <Field
          id={`${id}-new`}
          label={fieldLabel}
          name={`${field}-new`}
          className="profile-add__name"
          list={`${id}-suggestions`}
          autoComplete="off"
          value={name}
          maxLength={PROFILE_LIMITS.skill}
          hint="Pick from your organisation's list, or type your own."
          error={problem}
          onChange={(event) => {
            setName(event.target.value);
            setProblem(undefined);
          }}
          onKeyDown={onKeyDown}
        />
        <SelectField
          label="Level"
          name={`${field}-new-level`}
          className="profile-add__level"
          value={level}
          onChange={(event) => setLevel(Number(event.target.value))}
        >
          {LEVELS.map((value) => (
            <option key={value} value={value}>
              {value} · {LEVEL_NAMES[value]}
            </option>
          ))}
        </SelectField>
        <Button
          variant="secondary"
          className="profile-add__button"
          aria-label={buttonLabel}
          onClick={add}
          aria-disabled={full || undefined}
        >
          Add
        </Button>
      </div>
      <datalist id={`${id}-suggestions`}>
        {suggestions
          .filter((item) => !taken.has(item.toLowerCase()))
          .map((item) => (
            <option key={item} value={item} />
          ))}
      </datalist>
      {listError ? (
        <p id={`${id}-error`} className="field__error">
          {phraseError(legend, listError)}
        </p>
      ) : null}
    </fieldset>
  );
}
