import { useId, useState } from "react";
import type { FacetName, FacetValue, MentorSearchResult } from "../../../contracts/mentor-search.ts";
import { Button } from "../../components/button.tsx";
import { languageName } from "../profile/profile-format.ts";

const FACET_TITLES: Record<FacetName, string> = {
  skill: "Skills",
  department: "Department",
  language: "Languages",
  location: "Location",
};
const SHOWN = 8;

function FacetGroup({
  facet,
  values,
  onToggle,
}: {
  facet: FacetName;
  values: readonly FacetValue[];
  onToggle: (facet: FacetName, value: string, checked: boolean) => void;
}) {
  const [all, setAll] = useState(false);
  const listId = useId();
  if (values.length === 0) return null;
  const visible = all ? values : values.filter((item, k) => k < SHOWN || item.selected);
  const label = (value: string) => (facet === "language" ? languageName(value) : value);
  return (
    <fieldset className="facet">
      <legend className="facet__title">{FACET_TITLES[facet]}</legend>
      <ul id={listId} className="facet__values">
        {visible.map((item) => (
          <li key={item.value}>
            <label className="check">
              <input
                type="checkbox"
                checked={item.selected}
                onChange={(event) => onToggle(facet, item.value, event.target.checked)}
              />
              <span className="facet__name">{label(item.value)}</span>
              <span className="facet__count">
                <span className="visually-hidden">, </span>
                {item.count}
                <span className="visually-hidden"> {item.count === 1 ? "mentor" : "mentors"}</span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {values.length > SHOWN ? (
        <Button
          variant="ghost"
          size="small"
          aria-expanded={all}
          aria-controls={listId}
          onClick={() => setAll(!all)}
        >
          {all ? "Show fewer" : `Show all ${values.length}`}
        </Button>
      ) : null}
    </fieldset>
  );
}

/** Facets as checkbox filters with counts: any of the values checked in a group, all groups together. */
export function FacetFilters({
  facets,
  hasCapacity,
  onToggle,
  onCapacity,
  onClear,
  filtered,
}: {
  facets: MentorSearchResult["facets"] | undefined;
  hasCapacity: boolean;
  onToggle: (facet: FacetName, value: string, checked: boolean) => void;
  onCapacity: (checked: boolean) => void;
  onClear: () => void;
  filtered: boolean;
}) {
  return (
    <div className="facets">
      <h2 className="facets__title">Filters</h2>
      <label className="check facet__room">
        <input type="checkbox" checked={hasCapacity} onChange={(event) => onCapacity(event.target.checked)} />
        Only mentors with room for me
      </label>
      {facets
        ? (["skill", "department", "language", "location"] as const).map((facet) => (
            <FacetGroup key={facet} facet={facet} values={facets[facet]} onToggle={onToggle} />
          ))
        : null}
      {filtered ? (
        <Button variant="secondary" size="small" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
