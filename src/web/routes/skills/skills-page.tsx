import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CreateSkillRequestSchema, type Skill } from "../../../contracts/profiles.ts";
import { describeError } from "../../api/api-error.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, isAdminOf, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { profileKeys, useSkillList } from "../profile/profile-api.ts";
import { SkillItem } from "./skill-item.tsx";
import "./skills.css";

export default function SkillsPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Skills" />;
  return <Skills orgId={me.currentOrgId} />;
}

function Skills({ orgId }: { orgId: string }) {
  const client = useQueryClient();
  const skills = useSkillList(orgId);
  const add = useMutation({
    mutationFn: (body: BodyOf<"createSkill">) => api.call("createSkill", { params: { orgId }, body }),
    onSuccess: () => {
      form.formRef.current?.reset();
      form.formRef.current?.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      client.invalidateQueries({ queryKey: profileKeys.skills(orgId) });
    },
  });
  const form = useContractForm(CreateSkillRequestSchema, (body) => add.mutate(body), add.error);
  const list: Skill[] = skills.data?.skills ?? [];

  return (
    <>
      <PageHeader
        title="Skills"
        description="The skills people pick from on their profiles. They can still add their own; matching compares names without regard to case."
      />
      <Card title="Add a skill">
        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
          {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
          <div className="skill-form">
            <Field
              label="Name"
              name="name"
              autoComplete="off"
              required
              maxLength={80}
              error={form.fieldError("name")}
              onChange={() => add.isSuccess && add.reset()}
            />
            <Field
              label="Category (optional)"
              name="category"
              autoComplete="off"
              maxLength={60}
              placeholder="e.g. Engineering"
              error={form.fieldError("category")}
            />
            <Button type="submit" busy={add.isPending} busyLabel="Adding…" className="skill-form__submit">
              Add skill
            </Button>
          </div>
        </form>
        <LiveRegion>
          {add.isSuccess ? (
            <span className="saved">
              Added <strong>{add.data.name}</strong>.
            </span>
          ) : null}
        </LiveRegion>
      </Card>

      <section className="section" aria-labelledby="skill-list-heading">
        <h2 id="skill-list-heading">On the list{skills.data ? ` (${list.length})` : ""}</h2>
        {skills.isPending ? <Loading label="Loading skills…" /> : null}
        {skills.isError ? <Alert tone="error">{describeError(skills.error)}</Alert> : null}
        {skills.data && list.length === 0 ? (
          <EmptyState title="No skills yet">
            <p>
              Add the skills your organisation mentors in, such as “TypeScript” or “Public speaking”. People
              will see them as suggestions on their profile.
            </p>
          </EmptyState>
        ) : null}
        {list.length > 0 ? (
          <ul className="item-list">
            {list.map((skill) => (
              <SkillItem key={skill.id} orgId={orgId} skill={skill} />
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}
