import { useSearchParams } from "react-router";
import { Link } from "react-router";
import type { RequestListQuery, RequestSummary } from "../../../contracts/requests.ts";
import { describeError } from "../../api/api-error.ts";
import { useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { SelectField } from "../../components/field.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { useRequestList, useViewerTimeZone } from "./request-api.ts";
import {
  expiryCountdown,
  formatInZone,
  isOpen,
  STATUS_LABELS,
  STATUS_TONES,
  zoneNote,
} from "./request-format.ts";
import { SegmentedChoice } from "../../components/segmented-choice.tsx";
import "./requests.css";

const ROLES = [
  { value: "", label: "All" },
  { value: "mentor", label: "Received" },
  { value: "mentee", label: "Sent" },
] as const;

const STATUS_FILTERS = [
  { value: "open", label: "Open" },
  { value: "", label: "Any state" },
  { value: "accepted", label: "Accepted" },
  { value: "declined", label: "Declined" },
  { value: "withdrawn", label: "Withdrawn" },
  { value: "expired", label: "Expired" },
] as const;

/** My requests: sent as mentee and received as mentor, their states and how long they have left. */
export default function RequestsPage() {
  const me = useMe().data!;
  const orgId = me.currentOrgId;
  return (
    <>
      <PageHeader
        title="Requests"
        description="Mentoring requests you sent, and requests mentees sent you."
        actions={
          <Link to={paths.mentoring} className="button button--secondary">
            My mentoring
          </Link>
        }
      />
      {orgId ? (
        <Requests orgId={orgId} />
      ) : (
        <Alert tone="info">Join an organisation to take part in mentoring.</Alert>
      )}
    </>
  );
}

function Requests({ orgId }: { orgId: string }) {
  const [search, setSearch] = useSearchParams();
  const role = (search.get("role") ?? "") as "" | "mentor" | "mentee";
  const status = search.get("status") ?? "open";
  const timeZone = useViewerTimeZone(orgId);
  const filters: RequestListQuery = {
    ...(role ? { role } : {}),
    ...(status ? { status: status as RequestListQuery["status"] } : {}),
    limit: 100,
  };
  const list = useRequestList(orgId, filters);
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    next.set(key, value);
    setSearch(next, { replace: true });
  };

  return (
    <>
      <div className="requests-toolbar">
        <SegmentedChoice<string>
          legend="Which requests"
          options={ROLES}
          value={role}
          onChange={(value) => update("role", value)}
        />
        <SelectField
          label="State"
          name="status"
          id="request-status"
          value={status}
          onChange={(event) => update("status", event.target.value)}
        >
          {STATUS_FILTERS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </SelectField>
      </div>
      <p className="result-count" aria-live="polite">
        {list.data
          ? `${list.data.total} ${list.data.total === 1 ? "request" : "requests"}. ${zoneNote(timeZone)}.`
          : ""}
      </p>
      {list.isPending ? <Loading label="Loading your requests…" /> : null}
      {list.isError ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data && list.data.requests.length === 0 ? (
        <EmptyState
          title={status === "open" ? "No open requests" : "No requests here"}
          actions={
            <Link to={paths.programmes} className="button button--primary">
              Find a mentor in a programme
            </Link>
          }
        >
          <p>
            Mentees send requests from a programme's "Find a mentor" page; mentors see them here and answer.
            {status === "open" ? " Choose “Any state” to see closed ones." : ""}
          </p>
        </EmptyState>
      ) : null}
      {list.data && list.data.requests.length > 0 ? (
        <ul className="item-list">
          {list.data.requests.map((request) => (
            <RequestItem key={request.id} request={request} timeZone={timeZone} />
          ))}
        </ul>
      ) : null}
    </>
  );
}

function RequestItem({ request, timeZone }: { request: RequestSummary; timeZone: string }) {
  const other = request.myRole === "mentee" ? request.mentor : request.mentee;
  const yourTurn =
    (request.myRole === "mentor" && request.status === "pending") ||
    (request.myRole === "mentee" && request.status === "needs_info");
  return (
    <li className="item-list__item">
      <div className="item-list__main">
        <p className="item-list__title">
          <Link to={to(paths.request, { requestId: request.id })}>
            {request.myRole === "mentee" ? `To ${other.name}` : `From ${other.name}`}
          </Link>
          {yourTurn ? (
            <span className="badge badge--warning">Waiting for your answer</span>
          ) : (
            <span className={`badge ${STATUS_TONES[request.status]}`}>{STATUS_LABELS[request.status]}</span>
          )}
        </p>
        <p className="item-list__meta request-goal">{request.goal}</p>
        <p className="item-list__meta">
          {request.programme.name} · sent {formatInZone(request.createdAt, timeZone)}
          {isOpen(request.status) ? (
            <>
              {" · "}
              <time dateTime={request.expiresAt} title={formatInZone(request.expiresAt, timeZone)}>
                {expiryCountdown(request.expiresAt)} ({formatInZone(request.expiresAt, timeZone)})
              </time>
            </>
          ) : request.closeReason ? (
            ` · ${request.closeReason}`
          ) : null}
        </p>
      </div>
    </li>
  );
}
