import { Link, useParams } from "react-router";
import type { RequestDetail } from "../../../contracts/requests.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { Card, EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { RequestActions } from "./request-actions.tsx";
import { useRequest, useViewerTimeZone } from "./request-api.ts";
import {
  CADENCE_LABELS,
  expiryCountdown,
  FORMAT_LABELS,
  formatInZone,
  isOpen,
  STATUS_LABELS,
  STATUS_TONES,
  zoneNote,
} from "./request-format.ts";
import "./requests.css";

/** One request: the mentee's GROW text and expectations, the question and answer, and the actions. */
export default function RequestPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId ?? "";
  const { requestId = "" } = useParams();
  const request = useRequest(orgId, requestId);
  const timeZone = useViewerTimeZone(orgId);

  if (request.isPending) return <Loading label="Loading the request…" />;
  if (request.isError) {
    const missing = isApiError(request.error, "not_found") || isApiError(request.error, "validation_failed");
    return (
      <>
        <PageHeader title={missing ? "Request not found" : "Request"} />
        {missing ? (
          <EmptyState
            title="This request is not here"
            actions={
              <Link to={paths.requests} className="button button--secondary">
                My requests
              </Link>
            }
          >
            <p>It may belong to someone else, or to another organisation.</p>
          </EmptyState>
        ) : (
          <Alert tone="error">{describeError(request.error)}</Alert>
        )}
      </>
    );
  }
  const detail = request.data;
  const title =
    detail.viewerRole === "mentee"
      ? `Your request to ${detail.mentor.name}`
      : detail.viewerRole === "mentor"
        ? `Request from ${detail.mentee.name}`
        : `Request from ${detail.mentee.name} to ${detail.mentor.name}`;
  const other =
    detail.viewerRole === "mentor" ? detail.mentee : detail.viewerRole === "mentee" ? detail.mentor : null;
  return (
    <>
      <PageHeader
        title={title}
        description={detail.programme.name}
        actions={
          <>
            {other ? (
              // Their profile page shows what they share with people in their programmes: for a
              // mentor reading a request, the mentee's skills, goals and background.
              <Link to={to(paths.person, { userId: other.userId })} className="button button--secondary">
                {detail.viewerRole === "mentor"
                  ? `${other.name}'s profile, skills and goals`
                  : `${other.name}'s profile`}
              </Link>
            ) : null}
            <Link to={paths.requests} className="button button--secondary">
              All requests
            </Link>
          </>
        }
      />
      <div className="request-layout">
        <Facts detail={detail} timeZone={timeZone} />
        {detail.viewerRole === "admin" ? (
          <Alert tone="info">
            As an admin you see who, the state and the dates. What the mentee wrote, and any question and
            answer between them, stay between the two of them.
          </Alert>
        ) : (
          <Conversation detail={detail} />
        )}
        <RequestActions orgId={orgId} request={detail} />
      </div>
    </>
  );
}

function Facts({ detail, timeZone }: { detail: RequestDetail; timeZone: string }) {
  return (
    <Card title="Status">
      <dl className="request-facts">
        <div>
          <dt>State</dt>
          <dd>
            <span className={`badge ${STATUS_TONES[detail.status]}`}>{STATUS_LABELS[detail.status]}</span>
          </dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd>
            <time dateTime={detail.createdAt}>{formatInZone(detail.createdAt, timeZone)}</time>
          </dd>
        </div>
        {isOpen(detail.status) ? (
          <div>
            <dt>Expires</dt>
            <dd>
              <time dateTime={detail.expiresAt}>{formatInZone(detail.expiresAt, timeZone)}</time> (
              {expiryCountdown(detail.expiresAt)})
            </dd>
          </div>
        ) : (
          <div>
            <dt>Last change</dt>
            <dd>
              <time dateTime={detail.updatedAt}>{formatInZone(detail.updatedAt, timeZone)}</time>
            </dd>
          </div>
        )}
        {detail.respondedAt ? (
          <div>
            <dt>Mentor first answered</dt>
            <dd>
              <time dateTime={detail.respondedAt}>{formatInZone(detail.respondedAt, timeZone)}</time>
            </dd>
          </div>
        ) : null}
        {detail.closeReason ? (
          <div>
            <dt>Why it closed</dt>
            <dd>{detail.closeReason}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">{zoneNote(timeZone)}.</p>
    </Card>
  );
}

function Conversation({ detail }: { detail: RequestDetail }) {
  return (
    <>
      {detail.grow ? (
        <Card title="What the mentee is looking for">
          <dl className="grow">
            <div>
              <dt>Goal</dt>
              <dd>{detail.grow.goal}</dd>
            </div>
            <div>
              <dt>Where they are now</dt>
              <dd>{detail.grow.reality}</dd>
            </div>
            <div>
              <dt>Options they see</dt>
              <dd>{detail.grow.options}</dd>
            </div>
            <div>
              <dt>What they will do</dt>
              <dd>{detail.grow.will}</dd>
            </div>
          </dl>
        </Card>
      ) : null}
      {detail.expectations ? (
        <Card title="Proposed way of working">
          <dl className="request-facts">
            <div>
              <dt>How often</dt>
              <dd>{CADENCE_LABELS[detail.expectations.cadence]}</dd>
            </div>
            <div>
              <dt>How</dt>
              <dd>{detail.expectations.formats.map((format) => FORMAT_LABELS[format]).join(", ")}</dd>
            </div>
            <div>
              <dt>Time a month</dt>
              <dd>{detail.expectations.minutesPerMonth} minutes</dd>
            </div>
          </dl>
          {detail.expectations.note ? <p className="quoted">{detail.expectations.note}</p> : null}
        </Card>
      ) : null}
      {detail.infoQuestion ? (
        <Card title="Question and answer">
          <p className="field__label">{detail.mentor.name} asked</p>
          <p className="quoted">{detail.infoQuestion}</p>
          <p className="field__label">{detail.mentee.name} answered</p>
          {detail.infoAnswer ? (
            <p className="quoted">{detail.infoAnswer}</p>
          ) : (
            <p className="muted">Not yet.</p>
          )}
        </Card>
      ) : null}
    </>
  );
}
