import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { Link, useParams } from "react-router";
import type { PersonProfile } from "../../../contracts/profiles.ts";
import { type ProfileSection, SECTION_FIELDS } from "../../../core/profiles/profile-rules.ts";
import { slotInZone } from "../../../core/profiles/slot-in-zone.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { profileKeys } from "./profile-api.ts";
import { browserTimeZone, LEVEL_NAMES, languageName, VISIBILITY_LABELS, WEEKDAYS } from "./profile-format.ts";
import "./profile.css";

const SECTION_TITLES: Record<ProfileSection, string> = {
  about: "About",
  work: "Work",
  skills: "Skills and topics",
  goals: "Career goals",
  availability: "Availability",
};

export default function PersonPage() {
  const me = useMe().data!;
  const { userId = "" } = useParams();
  const orgId = me.currentOrgId;
  const person = useQuery({
    queryKey: profileKeys.person(orgId ?? "", userId),
    queryFn: () => api.call("getPersonProfile", { params: { orgId: orgId!, userId } }),
    enabled: Boolean(orgId && userId),
  });

  if (!orgId || isApiError(person.error, "not_found") || isApiError(person.error, "validation_failed")) {
    return (
      <>
        <PageHeader title="Profile not found" />
        <EmptyState title="We could not find this person">
          <p>They may not be a member of this organisation, or the link is wrong.</p>
        </EmptyState>
      </>
    );
  }
  if (person.isPending) return <Loading label="Loading the profile…" />;
  if (person.isError) {
    return (
      <>
        <PageHeader title="Profile" />
        <Alert tone="error">{describeError(person.error)}</Alert>
      </>
    );
  }
  return <PersonView profile={person.data} isMe={person.data.userId === me.user.id} />;
}

function Visibility({ profile, section }: { profile: PersonProfile; section: ProfileSection }) {
  if (!profile.visibility) return null;
  return (
    <p className="muted">
      Visible to:{" "}
      <span className="badge badge--neutral">{VISIBILITY_LABELS[profile.visibility[section]]}</span>
    </p>
  );
}

/** Term and value pairs; empty values are left out, and a list with none says so. */
function Facts({ children }: { children: ReactNode }) {
  return <dl className="profile-view__facts">{children}</dl>;
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  if (children === "" || children === null || children === undefined || children === false) return null;
  return (
    <div className="profile-view__fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const isBlank = (...values: (string | readonly unknown[] | number | null)[]) =>
  values.every((value) => value === null || value === "" || (Array.isArray(value) && value.length === 0));

function PersonView({ profile, isMe }: { profile: PersonProfile; isMe: boolean }) {
  const hidden = (Object.keys(SECTION_TITLES) as ProfileSection[]).filter(
    (section) => profile[section] === null,
  );
  const first = profile.name.split(" ")[0];
  return (
    <>
      <div className="profile-view__head">
        {profile.about?.photo ? (
          <img className="profile-photo__image" src={profile.about.photo.url} alt={profile.name} />
        ) : null}
        <PageHeader
          title={profile.name}
          description={profile.about?.headline || undefined}
          actions={
            isMe ? (
              <Link to={paths.profile} className="button button--secondary">
                Edit my profile
              </Link>
            ) : undefined
          }
        />
      </div>
      {isMe ? (
        <Alert tone="info">
          This is your profile as you see it. Others see only the parts you share with them.
        </Alert>
      ) : null}

      {profile.about ? (
        <Card title="About">
          <Visibility profile={profile} section="about" />
          {isBlank(profile.about.jobTitle, profile.about.bio, profile.about.links) ? (
            <p className="muted">Nothing here yet.</p>
          ) : (
            <Facts>
              <Fact term="Job title">{profile.about.jobTitle}</Fact>
              <Fact term="Bio">
                {profile.about.bio ? <span className="profile-view__text">{profile.about.bio}</span> : null}
              </Fact>
              <Fact term="Links">
                {profile.about.links.length ? (
                  <ul className="profile-view__slots">
                    {profile.about.links.map((link) => (
                      <li key={link.url}>
                        <a href={link.url} rel="noopener noreferrer nofollow" target="_blank">
                          {link.label}
                          <span className="visually-hidden"> (opens in a new tab)</span>
                        </a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </Fact>
            </Facts>
          )}
        </Card>
      ) : null}

      {profile.work ? (
        <Card title="Work">
          <Visibility profile={profile} section="work" />
          <Facts>
            <Fact term="Department">{profile.work.department}</Fact>
            <Fact term="Manager">
              {profile.work.manager ? (
                <Link to={to(paths.person, { userId: profile.work.manager.userId })}>
                  {profile.work.manager.name}
                </Link>
              ) : null}
            </Fact>
            <Fact term="Location">{profile.work.location}</Fact>
            <Fact term="Time zone">{profile.work.timeZone.replaceAll("_", " ")}</Fact>
            <Fact term="Languages">{profile.work.languages.map(languageName).join(", ")}</Fact>
          </Facts>
        </Card>
      ) : null}

      {profile.skills ? (
        <Card title="Skills and topics">
          <Visibility profile={profile} section="skills" />
          <SkillList title="Can offer" items={profile.skills.skillsOffered} />
          <SkillList title="Wants to grow" items={profile.skills.skillsWanted} />
          <Facts>
            <Fact term="Topics">{profile.skills.topics.join(", ")}</Fact>
            <Fact term="Experience">
              {profile.skills.yearsExperience === null
                ? null
                : `${profile.skills.yearsExperience} ${profile.skills.yearsExperience === 1 ? "year" : "years"}`}
            </Fact>
          </Facts>
        </Card>
      ) : null}

      {profile.goals ? (
        <Card title="Career goals">
          <Visibility profile={profile} section="goals" />
          {profile.goals.careerGoals ? (
            <p className="profile-view__text">{profile.goals.careerGoals}</p>
          ) : (
            <p className="muted">Nothing here yet.</p>
          )}
        </Card>
      ) : null}

      {profile.availability ? (
        <Card title="Availability">
          <Visibility profile={profile} section="availability" />
          <WeeklyTimes
            timeZone={profile.availability.timeZone}
            slots={profile.availability.slots}
            isMe={isMe}
          />
        </Card>
      ) : null}

      {hidden.length > 0 ? (
        <p className="muted profile-view__hidden">
          Not shared with you: {first}’s {hidden.map((section) => SECTION_FIELDS[section]).join("; ")}.
        </p>
      ) : null}
    </>
  );
}

function SkillList({ title, items }: { title: string; items: { skill: string; level: number }[] }) {
  return (
    <section aria-label={title} className="profile-view__group">
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">None listed.</p>
      ) : (
        <ul className="profile-view__skills">
          {items.map((item) => (
            <li key={item.skill} className="profile-chip">
              {item.skill} · {item.level} {LEVEL_NAMES[item.level]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Their weekly times in their zone, and (when it differs) in the viewer's, this week's offsets. */
function WeeklyTimes({
  timeZone,
  slots,
  isMe,
}: {
  timeZone: string;
  slots: { day: number; start: string; end: string }[];
  isMe: boolean;
}) {
  if (slots.length === 0) return <p className="muted">No times given.</p>;
  const mine = browserTimeZone();
  const today = new Date().toISOString().slice(0, 10);
  const differs = mine !== timeZone;
  const zoneName = (zone: string) => zone.replaceAll("_", " ");
  return (
    <>
      <p className="field__hint">
        {isMe ? "Your" : "Their"} times in <strong>{zoneName(timeZone)}</strong>
        {differs ? (
          <>
            {" "}
            and, after the arrow, in yours (<strong>{zoneName(mine)}</strong>)
          </>
        ) : null}
        .
      </p>
      <ul className="profile-view__slots">
        {slots.map((slot) => {
          const local = slotInZone(slot, timeZone, mine, today);
          return (
            <li key={`${slot.day}-${slot.start}`}>
              {WEEKDAYS[slot.day - 1]} {slot.start}–{slot.end}
              {differs ? (
                <span className="muted">
                  {" "}
                  → {WEEKDAYS[local.day - 1]} {local.start}–{local.end}
                  {local.endsNextDay ? " (next day)" : ""}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}
