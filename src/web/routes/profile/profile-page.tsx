import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import {
  type MyProfile,
  PROFILE_LIMITS,
  ProfileInputSchema,
  type ProfileValues,
} from "../../../contracts/profiles.ts";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { AvailabilityEditor } from "./availability-editor.tsx";
import { LinksEditor } from "./links-editor.tsx";
import { ManagerPicker } from "./manager-picker.tsx";
import { PhotoField } from "./photo-field.tsx";
import { profileKeys, useSkillList } from "./profile-api.ts";
import {
  describeProblem,
  draftFrom,
  errorsFromIssues,
  errorsFromServer,
  inputFrom,
  type ProfileDraft,
  type ProfileErrors,
  specificProblems,
} from "./profile-draft.ts";
import { COMMON_LANGUAGES, languageName, timeZoneOptions } from "./profile-format.ts";
import { SkillListEditor } from "./skill-list-editor.tsx";
import { TagListEditor } from "./tag-list-editor.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { VisibilitySelect } from "./visibility-select.tsx";
import "./profile.css";

export default function ProfilePage() {
  const me = useMe().data!;
  if (!me.currentOrgId) {
    return (
      <>
        <PageHeader title="My profile" />
        <EmptyState title="No organisation yet">
          <p>Your profile belongs to an organisation. Accept an invitation to one first.</p>
        </EmptyState>
      </>
    );
  }
  return <ProfileEditor key={me.currentOrgId} orgId={me.currentOrgId} myUserId={me.user.id} />;
}

function ProfileEditor({ orgId, myUserId }: { orgId: string; myUserId: string }) {
  const profile = useQuery({
    queryKey: profileKeys.mine(orgId),
    queryFn: () => api.call("getMyProfile", { params: { orgId } }),
  });
  const skills = useSkillList(orgId);
  return (
    <>
      <PageHeader
        title="My profile"
        description="Tell people what you can offer and what you want to learn. You choose who sees each part."
        actions={
          <Link to={to(paths.person, { userId: myUserId })} className="button button--secondary">
            See my profile as others do
          </Link>
        }
      />
      {profile.isPending ? <Loading label="Loading your profile…" /> : null}
      {profile.isError ? <Alert tone="error">{describeError(profile.error)}</Alert> : null}
      {profile.data ? (
        <ProfileForm
          orgId={orgId}
          myUserId={myUserId}
          profile={profile.data}
          skillNames={(skills.data?.skills ?? []).map((skill) => skill.name)}
        />
      ) : null}
    </>
  );
}

function ProfileForm({
  orgId,
  myUserId,
  profile,
  skillNames,
}: {
  orgId: string;
  myUserId: string;
  profile: MyProfile;
  skillNames: string[];
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<ProfileDraft>(() => draftFrom(profile));
  const [dirty, setDirty] = useState(false);
  const [clientErrors, setClientErrors] = useState<ProfileErrors>({});
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);

  const save = useMutation({
    mutationFn: (body: ProfileValues) => api.call("updateMyProfile", { params: { orgId }, body }),
    onSuccess: (saved) => {
      client.setQueryData(profileKeys.mine(orgId), saved);
      client.invalidateQueries({ queryKey: profileKeys.person(orgId, myUserId) });
      // The server may tidy names (the skill list's spelling, a time zone's case): show its version.
      setDraft(draftFrom(saved));
      setDirty(false);
    },
  });

  const serverErrors = errorsFromServer(save.error);
  const errors = Object.keys(clientErrors).length > 0 ? clientErrors : serverErrors;
  const problems = specificProblems(errors);

  // biome-ignore lint/correctness/useExhaustiveDependencies: move focus to the summary after each failed attempt
  useEffect(() => {
    if (attempt > 0 && problems.length > 0) summary.current?.focus();
  }, [attempt, save.error]);

  function update(changes: Partial<ProfileDraft>) {
    setDraft((current) => ({ ...current, ...changes }));
    setDirty(true);
    if (save.isSuccess) save.reset();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = ProfileInputSchema.safeParse(inputFrom(draft));
    setAttempt((value) => value + 1);
    if (!result.success) {
      setClientErrors(errorsFromIssues(result.error.issues));
      return;
    }
    setClientErrors({});
    save.mutate(result.data);
  }

  const visibility = (section: keyof ProfileDraft["visibility"], title: string) => (
    <VisibilitySelect
      section={title}
      value={draft.visibility[section]}
      onChange={(level) => update({ visibility: { ...draft.visibility, [section]: level } })}
    />
  );

  return (
    <form onSubmit={onSubmit} noValidate className="profile-form" aria-label="My profile">
      {problems.length > 0 ? (
        <div ref={summary} tabIndex={-1} className="profile-summary">
          <Alert
            tone="error"
            title={problems.length === 1 ? "One thing to fix" : `${problems.length} things to fix`}
          >
            <ul>
              {problems.map(([key, message]) => (
                <li key={key}>{describeProblem(key, message)}</li>
              ))}
            </ul>
          </Alert>
        </div>
      ) : save.isError && !Object.keys(serverErrors).length ? (
        <Alert tone="error">{describeError(save.error)}</Alert>
      ) : null}

      <Card title="About me">
        {visibility("about", "about me")}
        <PhotoField orgId={orgId} name={profile.name} photo={profile.photo} />
        <Field
          label="Headline"
          name="headline"
          hint="One line about you, e.g. “Backend engineer who loves teaching”."
          value={draft.headline}
          maxLength={PROFILE_LIMITS.headline}
          error={errors.headline}
          onChange={(event) => update({ headline: event.target.value })}
        />
        <Field
          label="Job title"
          name="jobTitle"
          value={draft.jobTitle}
          maxLength={PROFILE_LIMITS.jobTitle}
          error={errors.jobTitle}
          onChange={(event) => update({ jobTitle: event.target.value })}
        />
        <TextAreaField
          label="Bio"
          name="bio"
          rows={5}
          value={draft.bio}
          maxLength={PROFILE_LIMITS.bio}
          error={errors.bio}
          onChange={(event) => update({ bio: event.target.value })}
        />
        <LinksEditor links={draft.links} errors={errors} onChange={(links) => update({ links })} />
      </Card>

      <Card title="Work">
        {visibility("work", "work")}
        <div className="profile-grid">
          <Field
            label="Department"
            name="department"
            value={draft.department}
            maxLength={PROFILE_LIMITS.department}
            error={errors.department}
            onChange={(event) => update({ department: event.target.value })}
          />
          <Field
            label="Location"
            name="location"
            hint="A city or office."
            value={draft.location}
            maxLength={PROFILE_LIMITS.location}
            error={errors.location}
            onChange={(event) => update({ location: event.target.value })}
          />
        </div>
        <ManagerPicker
          orgId={orgId}
          myUserId={myUserId}
          manager={draft.manager}
          error={errors.managerId}
          onChange={(manager) => update({ manager })}
        />
        <SelectField
          label="Time zone"
          name="timeZone"
          value={draft.timeZone}
          error={errors.timeZone}
          onChange={(event) => update({ timeZone: event.target.value })}
        >
          {timeZoneOptions(draft.timeZone).map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll("_", " ")}
            </option>
          ))}
        </SelectField>
        <TagListEditor
          field="languages"
          legend="Languages"
          fieldLabel="Language"
          buttonLabel="Add language"
          items={draft.languages}
          max={PROFILE_LIMITS.languages}
          errors={errors}
          display={languageName}
          choices={COMMON_LANGUAGES.map((code) => [code, languageName(code)] as [string, string]).sort(
            (a, b) => a[1].localeCompare(b[1]),
          )}
          onChange={(languages) => update({ languages })}
        />
      </Card>

      <Card title="Skills and topics">
        {visibility("skills", "skills and topics")}
        <SkillListEditor
          field="skillsOffered"
          legend="Skills I can offer"
          fieldLabel="Skill I can offer"
          buttonLabel="Add to skills I can offer"
          items={draft.skillsOffered}
          suggestions={skillNames}
          errors={errors}
          onChange={(skillsOffered) => update({ skillsOffered })}
        />
        <SkillListEditor
          field="skillsWanted"
          legend="Skills I want to grow"
          fieldLabel="Skill I want to grow"
          buttonLabel="Add to skills I want to grow"
          items={draft.skillsWanted}
          suggestions={skillNames}
          errors={errors}
          onChange={(skillsWanted) => update({ skillsWanted })}
        />
        <TagListEditor
          field="topics"
          legend="Topics I like to talk about"
          fieldLabel="Topic"
          buttonLabel="Add topic"
          items={draft.topics}
          max={PROFILE_LIMITS.topics}
          maxLength={PROFILE_LIMITS.topic}
          hint="For example: career change, public speaking."
          errors={errors}
          onChange={(topics) => update({ topics })}
        />
        <Field
          label="Years of experience"
          name="yearsExperience"
          type="number"
          inputMode="numeric"
          min={0}
          max={PROFILE_LIMITS.yearsExperience}
          className="profile-years"
          value={draft.yearsExperience ?? ""}
          error={errors.yearsExperience}
          onChange={(event) =>
            update({ yearsExperience: event.target.value === "" ? null : Number(event.target.value) })
          }
        />
      </Card>

      <Card title="Career goals">
        {visibility("goals", "career goals")}
        <TextAreaField
          label="What I want to achieve"
          name="careerGoals"
          rows={4}
          hint="Mentors read this when you ask them; by default only people in your programmes see it."
          value={draft.careerGoals}
          maxLength={PROFILE_LIMITS.careerGoals}
          error={errors.careerGoals}
          onChange={(event) => update({ careerGoals: event.target.value })}
        />
      </Card>

      <Card title="Availability">
        {visibility("availability", "availability")}
        <AvailabilityEditor
          slots={draft.availability}
          timeZone={draft.timeZone}
          errors={errors}
          onChange={(availability) => update({ availability })}
        />
        <p className="muted">
          Days off, extra hours on a date, notice and breaks between sessions:{" "}
          <Link to={paths.scheduling}>My availability</Link>.
        </p>
      </Card>

      <div className="form-actions profile-actions">
        <Button type="submit" busy={save.isPending} busyLabel="Saving…">
          Save profile
        </Button>
        <LiveRegion>
          {save.isSuccess && !dirty ? (
            <span className="saved">Saved.</span>
          ) : dirty ? (
            <span className="muted">You have unsaved changes.</span>
          ) : null}
        </LiveRegion>
      </div>
    </form>
  );
}
