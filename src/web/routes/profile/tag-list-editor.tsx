import { type KeyboardEvent, type ReactNode, useId, useState } from "react";
import { Button } from "../../components/button.tsx";
import { Field, phraseError, SelectField } from "../../components/field.tsx";
import { type ProfileErrors, errorWithin } from "./profile-draft.ts";

interface TagListEditorProps {
  field: string;
  legend: string;
  /** The new item's field ("Topic") and the button that adds it ("Add topic"). */
  fieldLabel: string;
  buttonLabel: string;
  items: string[];
  onChange: (items: string[]) => void;
  max: number;
  errors: ProfileErrors;
  /** Show an item (a language code as its name). */
  display?: (item: string) => string;
  /** Choices for a select instead of free text (value, label). */
  choices?: [string, string][];
  hint?: ReactNode;
  maxLength?: number;
}

/** A short list of words (topics, languages): removable chips and one way to add. */
export function TagListEditor({
  field,
  legend,
  fieldLabel,
  buttonLabel,
  items,
  onChange,
  max,
  errors,
  display = (item) => item,
  choices,
  hint,
  maxLength,
}: TagListEditorProps) {
  const id = useId();
  const [value, setValue] = useState("");
  const [problem, setProblem] = useState<string>();
  const focusInput = () => document.getElementById(`${id}-new`)?.focus();
  const taken = new Set(items.map((item) => item.trim().toLowerCase()));

  function add() {
    const item = value.trim();
    if (!item) return setProblem(choices ? "Choose one first." : "Type something first.");
    if (taken.has(item.toLowerCase())) return setProblem(`${display(item)} is already on the list.`);
    if (items.length >= max) return setProblem(`The list holds at most ${max}.`);
    onChange([...items, item]);
    setValue("");
    setProblem(undefined);
    focusInput();
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter") {
      event.preventDefault();
      add();
    }
  };
  const listError = errorWithin(errors, field);

  return (
    <fieldset className="fieldset profile-list">
      <legend>{legend}</legend>
      {items.length === 0 ? <p className="muted profile-list__empty">None yet.</p> : null}
      <ul className="profile-chips">
        {items.map((item, index) => (
          <li key={item} className="profile-chip">
            <span>{display(item)}</span>
            <button
              type="button"
              className="profile-chip__remove"
              aria-label={`Remove ${display(item)}`}
              onClick={() => {
                onChange(items.filter((_, i) => i !== index));
                focusInput();
              }}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="profile-add">
        {choices ? (
          <SelectField
            id={`${id}-new`}
            label={fieldLabel}
            name={`${field}-new`}
            className="profile-add__name"
            value={value}
            error={problem}
            onChange={(event) => {
              setValue(event.target.value);
              setProblem(undefined);
            }}
            onKeyDown={onKeyDown}
          >
            <option value="">Choose…</option>
            {choices
              .filter(([code]) => !taken.has(code))
              .map(([code, label]) => (
                <option key={code} value={code}>
                  {label}
                </option>
              ))}
          </SelectField>
        ) : (
          <Field
            id={`${id}-new`}
            label={fieldLabel}
            name={`${field}-new`}
            className="profile-add__name"
            autoComplete="off"
            value={value}
            hint={hint}
            maxLength={maxLength}
            error={problem}
            onChange={(event) => {
              setValue(event.target.value);
              setProblem(undefined);
            }}
            onKeyDown={onKeyDown}
          />
        )}
        <Button variant="secondary" className="profile-add__button" aria-label={buttonLabel} onClick={add}>
          Add
        </Button>
      </div>
      {listError ? <p className="field__error">{phraseError(legend, listError)}</p> : null}
    </fieldset>
  );
}
