import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { MyRelationship, NextStep } from "../../../contracts/relationships.ts";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { paths, to } from "../../app/routes.tsx";
import { relationshipKeys } from "./relationship-queries.ts";
import { daysAgo, formatDay, STATUS_LABEL, STATUS_TONE } from "./relationship-words.ts";
import "./relationship-page.css";

/** "My mentoring": my pairs as mentee and mentor, what to do next, and how to get matched. */
export default function MyRelationshipsPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId;
  const mine = useQuery({
    queryKey: relationshipKeys.mine(orgId ?? "none"),
    queryFn: () => api.call("myMentoring", { params: { orgId: orgId! } }),
    enabled: Boolean(orgId),
  });
  const live = mine.data?.relationships.filter((item) => !isOver(item)) ?? [];
  const past = mine.data?.relationships.filter(isOver) ?? [];

  return (
    <>
      <PageHeader
        title="My mentoring"
        description="Your mentoring relationships, as mentee and as mentor, and what to do next."
        actions={
          <Link to={paths.requests} className="button button--secondary">
            My requests
          </Link>
        }
      />
      {!orgId ? <Alert tone="info">Join an organisation to take part in mentoring.</Alert> : null}
      {mine.isPending && orgId ? <Loading label="Loading your mentoring…" /> : null}
      {mine.isError ? <Alert tone="error">{describeError(mine.error)}</Alert> : null}
      {mine.data ? (
        <div className="stack">
          {mine.data.nextSteps.length > 0 ? <NextSteps steps={mine.data.nextSteps} /> : null}
          {mine.data.relationships.length === 0 ? (
            <EmptyState
              title="No mentoring relationships yet"
              actions={
                <>
                  <Link to={paths.programmes} className="button button--primary">
                    Browse programmes
                  </Link>
                  <Link to={paths.requests} className="button button--secondary">
                    My requests
                  </Link>
                </>
              }
            >
              <p>
                {mine.data.enrolledProgrammes > 0
                  ? "You are in a programme but not matched yet. Where the programme lets you, choose a mentor and send a request; otherwise your programme manager will match you."
                  : "Join a programme to get matched: either choose a mentor yourself and send a request, or your programme manager matches you. Your relationships appear here once matched."}
              </p>
            </EmptyState>
          ) : null}
          {live.length > 0 ? (
            <section aria-labelledby="current-heading">
              <h2 id="current-heading" className="section-title">
                Current
              </h2>
              <ul className="relationship-cards">
                {live.map((relationship) => (
                  <RelationshipCard key={relationship.id} relationship={relationship} />
                ))}
              </ul>
            </section>
          ) : null}
          {past.length > 0 ? (
            <section aria-labelledby="past-heading">
              <h2 id="past-heading" className="section-title">
                Past
              </h2>
              <ul className="relationship-cards">
                {past.map((relationship) => (
                  <RelationshipCard key={relationship.id} relationship={relationship} />
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function isOver(relationship: MyRelationship): boolean {
  return relationship.status === "completed" || relationship.status === "ended_early";
}

function NextSteps({ steps }: { steps: NextStep[] }) {
  return (
    <section className="card next-steps" aria-labelledby="next-steps-heading">
      <h2 id="next-steps-heading" className="card__title">
        Next steps
      </h2>
      <ul className="next-steps__list">
        {steps.map((step) => (
          <li key={`${step.kind}-${step.relationshipId ?? step.link}`}>
            <Link to={step.link}>{step.text}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RelationshipCard({ relationship }: { relationship: MyRelationship }) {
  const link = to(paths.relationship, { relationshipId: relationship.id });
  const headingId = `relationship-${relationship.id}`;
  const action = relationship.mustConfirm
    ? "Review the agreement"
    : relationship.fitCheckDue
      ? "Answer the fit check"
      : "Open";
  return (
    <li className="card relationship-card">
      <div className="relationship-card__head">
        <h3 id={headingId} className="relationship-card__name">
          {relationship.other.name}
        </h3>
        <span className={`badge ${STATUS_TONE[relationship.status]}`}>
          {STATUS_LABEL[relationship.status]}
        </span>
      </div>
      {relationship.other.headline ? <p className="muted">{relationship.other.headline}</p> : null}
      <dl className="facts">
        <div>
          <dt>Role</dt>
          <dd>{relationship.myRole === "mentee" ? "Your mentor" : "Your mentee"}</dd>
        </div>
        <div>
          <dt>Programme</dt>
          <dd>{relationship.programme.name}</dd>
        </div>
        <div>
          <dt>Ends</dt>
          <dd>{relationship.endsOn ? formatDay(relationship.endsOn) : "No fixed end"}</dd>
        </div>
        <div>
          <dt>Last activity</dt>
          <dd>{daysAgo(relationship.daysSinceActivity)}</dd>
        </div>
      </dl>
      {relationship.mustConfirm ? (
        <p className="relationship-card__flag">Your confirmation of the agreement is needed.</p>
      ) : relationship.otherMustConfirm && !isOver(relationship) ? (
        <p className="relationship-card__note">
          Waiting for {relationship.other.name} to confirm the agreement.
        </p>
      ) : null}
      {relationship.fitCheckDue ? (
        <p className="relationship-card__flag">The fit check is open: is this pairing working?</p>
      ) : null}
      <div className="form-actions">
        <Link
          to={link}
          className={`button ${relationship.mustConfirm || relationship.fitCheckDue ? "button--primary" : "button--secondary"} button--small`}
        >
          {action}
          <span className="visually-hidden"> (mentoring with {relationship.other.name})</span>
        </Link>
      </div>
    </li>
  );
}
