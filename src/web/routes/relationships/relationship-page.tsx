import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { topic } from "../../../contracts/realtime.ts";
import type { Relationship } from "../../../contracts/relationships.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { Alert } from "../../components/alert.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { paths } from "../../app/routes.tsx";
import { AgreementCard } from "./agreement-card.tsx";
import { FitCheckCard } from "./fit-check-card.tsx";
import { HistoryCard } from "./history-card.tsx";
import { RelationshipActions } from "./relationship-actions.tsx";
import { relationshipKeys } from "./relationship-queries.ts";
import { zoneName } from "../../components/format.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";
import { BookSessionButton } from "../sessions/book-session-button.tsx";
import { daysAgo, formatDay, formatInstant, STATUS_LABEL, STATUS_TONE } from "./relationship-words.ts";
import "./relationship-page.css";

/** One relationship: the agreement to confirm, the fit check, state changes and the history. */
export default function RelationshipPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const { relationshipId = "" } = useParams();
  // Its own topic: a change by the other side (or its history) shows here without reloading.
  useRealtime([relationshipId && topic("relationship", relationshipId)]);
  const relationship = useQuery({
    queryKey: relationshipKeys.one(orgId, relationshipId),
    queryFn: () => api.call("getRelationship", { params: { orgId, relationshipId } }),
    enabled: Boolean(orgId && relationshipId),
  });

  if (relationship.isPending) {
    return (
      <>
        <PageHeader title="Mentoring relationship" />
        <Loading label="Loading the relationship…" />
      </>
    );
  }
  if (relationship.isError) {
    return (
      <>
        <PageHeader title="Mentoring relationship" />
        {isApiError(relationship.error, "not_found") ||
        isApiError(relationship.error, "validation_failed") ? (
          <EmptyState
            title="Relationship not found"
            actions={
              <Link to={paths.mentoring} className="button button--secondary">
                Back to My mentoring
              </Link>
            }
          >
            <p>It does not exist in this organisation, or it is not one of yours.</p>
          </EmptyState>
        ) : (
          <Alert tone="error">{describeError(relationship.error)}</Alert>
        )}
      </>
    );
  }
  return <RelationshipView orgId={orgId} relationship={relationship.data} />;
}

function RelationshipView({ orgId, relationship }: { orgId: string; relationship: Relationship }) {
  // Times in the viewer's profile zone, as on the request pages.
  const timeZone = useViewerTimeZone(orgId);
  const { viewer } = relationship;
  const isAdmin = viewer.role === "admin";
  const other = viewer.role === "mentee" ? relationship.mentor : relationship.mentee;
  const title = isAdmin
    ? `${relationship.mentee.name} and ${relationship.mentor.name}`
    : `Mentoring with ${other.name}`;
  return (
    <>
      <Link to={isAdmin ? paths.relationships : paths.mentoring} className="back-link">
        <span aria-hidden="true">←</span> {isAdmin ? "All relationships" : "My mentoring"}
      </Link>
      <PageHeader
        title={title}
        description={
          isAdmin
            ? `${relationship.programme.name}. You see states, dates and counts; the pair's goals and notes stay private.`
            : `${viewer.role === "mentee" ? "Your mentor" : "Your mentee"} in ${relationship.programme.name}${other.headline ? ` · ${other.headline}` : ""}`
        }
        actions={<BookSessionButton orgId={orgId} relationship={relationship} />}
      />
      <div className="relationship-layout">
        <Card title="Overview">
          <dl className="facts">
            <div>
              <dt>State</dt>
              <dd>
                <span className={`badge ${STATUS_TONE[relationship.status]}`}>
                  {STATUS_LABEL[relationship.status]}
                </span>
              </dd>
            </div>
            <div>
              <dt>Mentee</dt>
              <dd>{relationship.mentee.name}</dd>
            </div>
            <div>
              <dt>Mentor</dt>
              <dd>{relationship.mentor.name}</dd>
            </div>
            <div>
              <dt>Started</dt>
              <dd>
                {relationship.startedAt ? (
                  <>
                    {formatInstant(relationship.startedAt, timeZone)}{" "}
                    <span className="muted">({zoneName(timeZone)})</span>
                  </>
                ) : (
                  "Not yet"
                )}
              </dd>
            </div>
            <div>
              <dt>Ends</dt>
              <dd>{relationship.endsOn ? formatDay(relationship.endsOn) : "No fixed end"}</dd>
            </div>
            <div>
              <dt>Last activity</dt>
              <dd>{daysAgo(relationship.daysSinceActivity)}</dd>
            </div>
            {relationship.endedAt ? (
              <div>
                <dt>{relationship.status === "completed" ? "Completed" : "Ended"}</dt>
                <dd>
                  {formatInstant(relationship.endedAt, timeZone)}{" "}
                  <span className="muted">({zoneName(timeZone)})</span>
                  {relationship.endedByName ? ` by ${relationship.endedByName}` : ""}
                  {relationship.endReason ? `: ${relationship.endReason}` : ""}
                </dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <FitCheckCard orgId={orgId} relationship={relationship} />
        <AgreementCard orgId={orgId} relationship={relationship} />
        {isAdmin ? null : <RelationshipActions orgId={orgId} relationship={relationship} />}
        <HistoryCard orgId={orgId} relationshipId={relationship.id} />
      </div>
    </>
  );
}
