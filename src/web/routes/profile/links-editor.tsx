import { useEffect, useRef } from "react";
import { PROFILE_LIMITS, type Link } from "../../../contracts/profiles.ts";
import { Button } from "../../components/button.tsx";
import { Field, phraseError } from "../../components/field.tsx";
import { listProblem, type ProfileErrors } from "./profile-draft.ts";

/** Up to ten links, each a label and a web address. */
export function LinksEditor({
  links,
  onChange,
  errors,
}: {
  links: Link[];
  onChange: (links: Link[]) => void;
  errors: ProfileErrors;
}) {
  const added = useRef(false);
  // A new row takes focus, so keyboard users can type its label at once.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    document.querySelector<HTMLInputElement>(`input[name="links.${links.length - 1}.label"]`)?.focus();
  }, [links.length]);
  const change = (index: number, part: Partial<Link>) =>
    onChange(links.map((link, i) => (i === index ? { ...link, ...part } : link)));
  return (
    <fieldset className="fieldset profile-list">
      <legend>Links</legend>
      {links.length === 0 ? <p className="muted profile-list__empty">No links yet.</p> : null}
      <ol className="profile-links">
        {links.map((link, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
          <li key={index} className="profile-link">
            <Field
              label={`Link ${index + 1} label`}
              name={`links.${index}.label`}
              value={link.label}
              maxLength={PROFILE_LIMITS.linkLabel}
              placeholder="Portfolio"
              error={errors[`links.${index}.label`]}
              onChange={(event) => change(index, { label: event.target.value })}
            />
            <Field
              label={`Link ${index + 1} address`}
              name={`links.${index}.url`}
              type="url"
              inputMode="url"
              value={link.url}
              maxLength={PROFILE_LIMITS.linkUrl}
              placeholder="https://"
              error={errors[`links.${index}.url`]}
              onChange={(event) => change(index, { url: event.target.value })}
            />
            <Button
              variant="ghost"
              size="small"
              className="profile-link__remove"
              aria-label={`Remove link ${index + 1}${link.label ? ` (${link.label})` : ""}`}
              onClick={() => onChange(links.filter((_, i) => i !== index))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      {links.length < PROFILE_LIMITS.links ? (
        <Button
          variant="secondary"
          size="small"
          onClick={() => {
            added.current = true;
            onChange([...links, { label: "", url: "" }]);
          }}
        >
          Add a link
        </Button>
      ) : (
        <p className="muted">You have the most links a profile can hold ({PROFILE_LIMITS.links}).</p>
      )}
      {listProblem(errors, "links") ? (
        <p className="field__error">{phraseError("Links", listProblem(errors, "links") ?? "")}</p>
      ) : null}
    </fieldset>
  );
}
