import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { PersonRef } from "../../../contracts/profiles.ts";
import { api } from "../../api/queries.ts";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { profileKeys } from "./profile-api.ts";

/**
 * The person one reports to: shown with a Change/Remove pair, or a name search listing matching
 * members as buttons (no custom combobox: plain buttons work with every keyboard and reader).
 */
export function ManagerPicker({
  orgId,
  myUserId,
  manager,
  onChange,
  error,
}: {
  orgId: string;
  myUserId: string;
  manager: PersonRef | null;
  onChange: (manager: PersonRef | null) => void;
  error?: string;
}) {
  const [searching, setSearching] = useState(false);
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const people = useQuery({
    queryKey: profileKeys.people(orgId, q),
    queryFn: () => api.call("searchPeople", { params: { orgId }, query: { q, limit: 8 } }),
    enabled: searching && q.length > 0,
    placeholderData: keepPreviousData,
  });
  const choices = (people.data?.people ?? []).filter((person) => person.userId !== myUserId);

  if (manager && !searching) {
    return (
      <fieldset className="field profile-list">
        <legend className="field__label">Manager</legend>
        <div className="field__static">
          <span>{manager.name}</span>
          <Button
            variant="secondary"
            size="small"
            aria-label="Change manager"
            onClick={() => setSearching(true)}
          >
            Change
          </Button>
          <Button variant="ghost" size="small" aria-label="Remove manager" onClick={() => onChange(null)}>
            Remove
          </Button>
        </div>
        {error ? <p className="field__error">Manager {error}</p> : null}
      </fieldset>
    );
  }

  return (
    <div className="profile-manager">
      <Field
        label="Manager"
        name="manager-search"
        type="search"
        autoComplete="off"
        hint="Type part of their name, then choose them."
        value={text}
        error={error}
        onFocus={() => setSearching(true)}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") event.preventDefault();
        }}
      />
      <div aria-live="polite" className="profile-manager__results">
        {searching && q && people.data ? (
          choices.length === 0 ? (
            <p className="muted">No one called “{q}”.</p>
          ) : (
            <ul className="profile-manager__list" aria-label="Matching people">
              {choices.map((person) => (
                <li key={person.userId}>
                  <Button
                    variant="ghost"
                    size="small"
                    onClick={() => {
                      onChange(person);
                      setSearching(false);
                      setText("");
                    }}
                  >
                    Choose {person.name}
                  </Button>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </div>
      {manager ? (
        <Button variant="ghost" size="small" onClick={() => setSearching(false)}>
          Keep {manager.name}
        </Button>
      ) : null}
    </div>
  );
}
