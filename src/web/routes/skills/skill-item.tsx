import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { type Skill, UpdateSkillRequestSchema } from "../../../contracts/profiles.ts";
import { ApiError, describeError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { profileKeys } from "../profile/profile-api.ts";

type Mode = "view" | "edit" | "confirm-delete";

/**
 * One skill of the list: rename (name and category in place), or delete after a confirmation.
 * Focus follows the person: into the name field when editing, onto "Yes, delete" when asked,
 * and back to the button they came from when they cancel.
 */
export function SkillItem({ orgId, skill }: { orgId: string; skill: Skill }) {
  const client = useQueryClient();
  const [mode, setMode] = useState<Mode>("view");
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const nameInputId = `skill-${skill.id}-name`;
  const returnTo = useRef<"edit" | "delete" | null>(null);

  useEffect(() => {
    if (mode === "edit") document.getElementById(nameInputId)?.focus();
    else if (mode === "confirm-delete") confirmButton.current?.focus();
    else if (returnTo.current === "edit") editButton.current?.focus();
    else if (returnTo.current === "delete") deleteButton.current?.focus();
  }, [mode, nameInputId]);

  const refresh = () => client.invalidateQueries({ queryKey: profileKeys.skills(orgId) });
  const rename = useMutation({
    mutationFn: (body: BodyOf<"updateSkill">) =>
      api.call("updateSkill", { params: { orgId, skillId: skill.id }, body }),
    onSuccess: () => {
      returnTo.current = "edit";
      setMode("view");
      refresh();
    },
  });
  const remove = useMutation({
    mutationFn: () => api.call("deleteSkill", { params: { orgId, skillId: skill.id } }),
    onSuccess: refresh,
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const result = UpdateSkillRequestSchema.safeParse({
      name: String(data.get("name") ?? ""),
      category: String(data.get("category") ?? ""),
    });
    if (!result.success) {
      const errors: Record<string, string> = {};
      for (const issue of result.error.issues) errors[String(issue.path[0] ?? "name")] ??= issue.message;
      setFieldErrors(errors);
      document.getElementById(nameInputId)?.focus();
      return;
    }
    setFieldErrors({});
    rename.mutate(result.data);
  }

  const serverErrors = rename.error instanceof ApiError ? rename.error.fieldErrors() : {};
  const errors = Object.keys(fieldErrors).length ? fieldErrors : serverErrors;
  const otherError =
    remove.error ?? (rename.error && !Object.keys(serverErrors).length ? rename.error : null);

  if (mode === "edit") {
    return (
      <li className="item-list__item">
        <form className="skill-edit" onSubmit={onSubmit} noValidate aria-label={`Rename ${skill.name}`}>
          <Field
            id={nameInputId}
            label="Name"
            name="name"
            defaultValue={skill.name}
            maxLength={80}
            autoComplete="off"
            error={errors.name}
          />
          <Field
            label="Category"
            name="category"
            defaultValue={skill.category ?? ""}
            maxLength={60}
            autoComplete="off"
            hint="Leave empty for none."
            error={errors.category}
          />
          <div className="skill-edit__actions">
            <Button type="submit" size="small" busy={rename.isPending} busyLabel="Saving…">
              Save
            </Button>
            <Button
              variant="ghost"
              size="small"
              onClick={() => {
                returnTo.current = "edit";
                rename.reset();
                setFieldErrors({});
                setMode("view");
              }}
            >
              Cancel
            </Button>
          </div>
          {otherError ? <Alert tone="error">{describeError(otherError)}</Alert> : null}
        </form>
      </li>
    );
  }

  return (
    <li className="item-list__item">
      <div className="item-list__main">
        <p className="item-list__title">{skill.name}</p>
        <p className="item-list__meta">{skill.category ?? "No category"}</p>
        {otherError ? <Alert tone="error">{describeError(otherError)}</Alert> : null}
      </div>
      <div className="item-list__actions">
        {mode === "confirm-delete" ? (
          <>
            <span className="confirm-text" id={`delete-${skill.id}`}>
              Delete {skill.name}? Profiles that list it keep it.
            </span>
            <Button
              variant="danger"
              size="small"
              ref={confirmButton}
              busy={remove.isPending}
              busyLabel="Deleting…"
              aria-describedby={`delete-${skill.id}`}
              onClick={() => remove.mutate()}
            >
              Yes, delete
            </Button>
            <Button
              variant="ghost"
              size="small"
              onClick={() => {
                returnTo.current = "delete";
                setMode("view");
              }}
            >
              Keep
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="secondary"
              size="small"
              ref={editButton}
              aria-label={`Rename ${skill.name}`}
              onClick={() => setMode("edit")}
            >
              Rename
            </Button>
            <Button
              variant="danger"
              size="small"
              ref={deleteButton}
              aria-label={`Delete ${skill.name}`}
              onClick={() => setMode("confirm-delete")}
            >
              Delete
            </Button>
          </>
        )}
      </div>
    </li>
  );
}
