import { Link } from "react-router";
import type { Programme } from "../../../contracts/programmes.ts";
import { paths, to } from "../../app/routes.tsx";
import { formatDateTime } from "../../components/format.ts";
import { Card, PageHeader } from "../../components/page.tsx";
import { ProgrammeSessionStats } from "../sessions/programme-session-stats.tsx";
import { useProgrammeFrame } from "./programme-layout.tsx";
import {
  describeDates,
  MODE_LABELS,
  numberFormat,
  ROLE_LABELS,
  programmeStateLabel,
  TYPE_LABELS,
} from "./programme-labels.ts";

/** A programme at a glance: what it is, when, who is in it, and what to do next. */
export default function ProgrammeOverviewPage() {
  const { programme, isAdmin } = useProgrammeFrame();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <PageHeader title={programme.name} description={programme.description || undefined} />
      <div className="card-grid">
        <Card title="At a glance">
          <dl className="programme-facts">
            <div>
              <dt>State</dt>
              <dd>{programmeStateLabel(programme)}</dd>
            </div>
            <div>
              <dt>Kind</dt>
              <dd>{TYPE_LABELS[programme.type]}</dd>
            </div>
            <div>
              <dt>Dates</dt>
              <dd>{describeDates(programme)}</dd>
            </div>
            <div>
              <dt>Matching</dt>
              <dd>{MODE_LABELS[programme.matchingMode]}</dd>
            </div>
            <div>
              <dt>Registration</dt>
              <dd>
                {programme.registrationOpen ? "Open" : "Closed"}
                {programme.requiresApproval ? ", an admin approves each person" : ""}
              </dd>
            </div>
            <div>
              <dt>Roles</dt>
              <dd>{programme.rolesOffered.map((role) => ROLE_LABELS[role]).join(", ")}</dd>
            </div>
          </dl>
        </Card>
        {isAdmin && programme.counts ? (
          <Card title="People and pairs">
            <dl className="programme-counts">
              <div>
                <dt>Mentors</dt>
                <dd>{numberFormat.format(programme.counts.mentors)}</dd>
              </div>
              <div>
                <dt>Mentees</dt>
                <dd>{numberFormat.format(programme.counts.mentees)}</dd>
              </div>
              <div>
                <dt>Awaiting approval</dt>
                <dd>{numberFormat.format(programme.counts.pendingApproval)}</dd>
              </div>
              <div>
                <dt>Relationships now</dt>
                <dd>{numberFormat.format(programme.counts.liveRelationships)}</dd>
              </div>
              <div>
                <dt>Relationships in all</dt>
                <dd>{numberFormat.format(programme.counts.relationships)}</dd>
              </div>
            </dl>
            <p className="muted programme-updated">
              Last changed {formatDateTime(programme.updatedAt)} (your time zone, {zone}).
            </p>
          </Card>
        ) : null}
      </div>
      <NextSteps programme={programme} isAdmin={isAdmin} />
      {isAdmin ? <ProgrammeSessionStats programmeId={programme.id} /> : null}
    </>
  );
}

interface Step {
  title: string;
  text: string;
  link?: { to: string; label: string };
}

function adminSteps(programme: Programme): Step[] {
  const at = (path: string) => to(path, { programmeId: programme.id });
  const bulk = programme.matchingMode !== "self";
  switch (programme.status) {
    case "draft":
      return [
        {
          title: "Review the settings",
          text: "Check the dates, the registration form and the matching criteria; the preview shows how many pairs each rule allows.",
          link: { to: at(paths.programmeSettings), label: "Open settings" },
        },
        {
          title: "Open registration",
          text:
            programme.evergreen || programme.startsOn
              ? "When it is ready, press “Open registration” above: people can then join."
              : "Set the start date first, then press “Open registration” above.",
        },
      ];
    case "registration_open":
      return [
        {
          title: "Bring people in",
          text: "Share the invite link, or import a spreadsheet of mentors and mentees.",
          link: { to: at(paths.programmeImport), label: "Import people" },
        },
        {
          title: "Watch who registers",
          text: programme.requiresApproval
            ? "Approve or decline each registration."
            : "See who has joined and on which side.",
          link: { to: at(paths.programmeParticipants), label: "See participants" },
        },
        {
          title: bulk ? "Start matching" : "Start the programme",
          text: bulk
            ? "When enough people have joined, press “Start matching” to pair them."
            : "Mentees choose their mentors; start the programme when you are ready.",
        },
      ];
    case "matching":
      return [
        bulk
          ? {
              title: "Run the matcher",
              text: "See a draft of pairs with their scores, adjust it and publish.",
              link: { to: at(paths.programmeMatching), label: "Open matching" },
            }
          : {
              title: "Mentees are choosing",
              text: "Mentees send requests to the mentors they choose; mentors accept or decline.",
              link: { to: at(paths.programmeParticipants), label: "See participants" },
            },
        { title: "Start the programme", text: "When the pairs are set, press “Start the programme”." },
      ];
    case "running":
      return [
        {
          title: "Follow the relationships",
          text: "See each pair's state and days since their last activity (never their agreement's goals or notes).",
          link: { to: at(paths.programmeRelationships), label: "Open relationships" },
        },
        {
          title: "Complete the programme",
          text: programme.endsOn
            ? "After the end date, press “Complete the programme”."
            : "An evergreen programme runs until you complete it.",
        },
      ];
    case "completed":
      return [
        {
          title: "Run it again",
          text: "Duplicate the programme for the next cohort: settings, form and criteria come along.",
        },
      ];
    case "archived":
      return [{ title: "Archived", text: "This programme is read-only. Duplicate it to run it again." }];
  }
}

function memberSteps(programme: Programme): Step[] {
  const at = (path: string) => to(path, { programmeId: programme.id });
  const mine = programme.myEnrolment;
  if (!mine)
    return programme.registrationOpen
      ? [
          {
            title: "Register",
            text: "Tell us whether you want to mentor, be mentored, or both, and answer a few questions.",
            link: { to: at(paths.programmeRegister), label: "Register now" },
          },
        ]
      : [];
  if (mine.status === "pending_approval")
    return [{ title: "Waiting for approval", text: "An admin will look at your registration soon." }];
  const steps: Step[] = [
    {
      title: "Keep your profile current",
      text: "Your skills, goals and availability are what matching uses.",
      link: { to: paths.profile, label: "Edit my profile" },
    },
  ];
  if (mine.status === "active" && mine.role !== "mentor" && programme.matchingMode !== "admin")
    steps.push({
      title: "Find a mentor",
      text: "See recommended mentors and why they fit, then send a request.",
      link: { to: at(paths.programmeMentors), label: "Find a mentor" },
    });
  steps.push({
    title: "My mentoring",
    text: "Your requests, relationships and next steps, in one place.",
    link: { to: paths.mentoring, label: "Open my mentoring" },
  });
  return steps;
}

function NextSteps({ programme, isAdmin }: { programme: Programme; isAdmin: boolean }) {
  const steps = isAdmin ? adminSteps(programme) : memberSteps(programme);
  if (steps.length === 0) return null;
  return (
    <section className="steps" aria-labelledby="programme-next-steps">
      <h2 id="programme-next-steps">What to do next</h2>
      <ol className="steps__list">
        {steps.map((step, index) => (
          <li key={step.title} className="steps__item">
            <span className="steps__number" aria-hidden="true">
              {index + 1}
            </span>
            <div>
              <h3>{step.title}</h3>
              <p>{step.text}</p>
              {step.link ? <Link to={step.link.to}>{step.link.label}</Link> : null}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
