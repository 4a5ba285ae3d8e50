import { VISIBILITY_LEVELS, type VisibilityLevel } from "../../../core/profiles/profile-rules.ts";
import { SelectField } from "../../components/field.tsx";
import { VISIBILITY_LABELS } from "./profile-format.ts";

/** Who may see one section of the profile: a labelled select at the top of its card. */
export function VisibilitySelect({
  section,
  value,
  onChange,
}: {
  section: string;
  value: VisibilityLevel;
  onChange: (level: VisibilityLevel) => void;
}) {
  return (
    <SelectField
      label={`Who can see ${section}`}
      name={`visibility-${section}`}
      className="profile-visibility"
      value={value}
      onChange={(event) => onChange(event.target.value as VisibilityLevel)}
    >
      {VISIBILITY_LEVELS.map((level) => (
        <option key={level} value={level}>
          {VISIBILITY_LABELS[level]}
        </option>
      ))}
    </SelectField>
  );
}
