import { Link, useSearchParams } from "react-router";
import { ProgrammeStatusSchema, type ProgrammeSummary } from "../../../contracts/programmes.ts";
import { describeError } from "../../api/api-error.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { SelectField } from "../../components/field.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { to, paths } from "../../app/routes.tsx";
import {
  describeDates,
  numberFormat,
  programmeStateLabel,
  STATUS_LABELS,
  STATUS_TONES,
  TYPE_LABELS,
} from "./programme-labels.ts";
import { useProgrammes } from "./programme-queries.ts";
import "./programmes.css";

export default function ProgrammesPage() {
  const me = useMe().data!;
  if (!me.currentOrgId) return <PageHeader title="Programmes" />;
  return isAdminOf(me) ? (
    <AdminProgrammes orgId={me.currentOrgId} />
  ) : (
    <MemberProgrammes orgId={me.currentOrgId} />
  );
}

/** Admins: every programme, filtered by state, with its people and pairs counted. */
function AdminProgrammes({ orgId }: { orgId: string }) {
  const [search, setSearch] = useSearchParams();
  const status = ProgrammeStatusSchema.safeParse(search.get("status")).data;
  const programmes = useProgrammes(orgId, { status });
  const list = programmes.data?.programmes ?? [];
  return (
    <>
      <PageHeader
        title="Programmes"
        description="Every mentoring programme of your organisation, from drafts to completed cohorts."
        actions={
          <>
            <Link to="/programmes/import" className="button button--secondary">
              Import
            </Link>
            <Link to={paths.newProgramme} className="button button--primary">
              New programme
            </Link>
          </>
        }
      />
      <search className="toolbar" aria-label="Filter programmes">
        <SelectField
          label="State"
          name="status"
          id="programme-status-filter"
          value={status ?? ""}
          onChange={(event) => {
            const next = new URLSearchParams(search);
            if (event.target.value) next.set("status", event.target.value);
            else next.delete("status");
            setSearch(next, { replace: true });
          }}
        >
          <option value="">All but archived</option>
          {Object.entries(STATUS_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </SelectField>
      </search>
      <p className="result-count" aria-live="polite">
        {programmes.data ? `${list.length} ${list.length === 1 ? "programme" : "programmes"}` : ""}
      </p>
      {programmes.isPending ? <Loading label="Loading programmes…" /> : null}
      {programmes.isError ? <Alert tone="error">{describeError(programmes.error)}</Alert> : null}
      {programmes.data && list.length === 0 ? (
        <EmptyState
          title={status ? `No ${STATUS_LABELS[status].toLowerCase()} programmes` : "No programmes yet"}
          actions={
            status ? null : (
              <Link to={paths.newProgramme} className="button button--primary">
                Create your first programme
              </Link>
            )
          }
        >
          <p>
            {status
              ? "Choose another state to see the rest."
              : "Start from a template such as a 12-week developer cohort, or from scratch."}
          </p>
        </EmptyState>
      ) : null}
      {list.length > 0 ? <ProgrammeCards programmes={list} showCounts /> : null}
    </>
  );
}

/** Members: programmes open for registration, and their own. */
function MemberProgrammes({ orgId }: { orgId: string }) {
  const programmes = useProgrammes(orgId, {});
  const list = programmes.data?.programmes ?? [];
  const mine = list.filter((programme) => programme.myEnrolment);
  const open = list.filter((programme) => !programme.myEnrolment && programme.registrationOpen);
  return (
    <>
      <PageHeader
        title="Programmes"
        description="Mentoring programmes you are in, and those you can join now."
      />
      {programmes.isPending ? <Loading label="Loading programmes…" /> : null}
      {programmes.isError ? <Alert tone="error">{describeError(programmes.error)}</Alert> : null}
      {programmes.data ? (
        <>
          <section aria-labelledby="my-programmes" className="programme-section">
            <h2 id="my-programmes">My programmes</h2>
            {mine.length === 0 ? (
              <p className="muted">You are not in a programme yet. Join one that is open below.</p>
            ) : (
              <ProgrammeCards programmes={mine} headingLevel={3} />
            )}
          </section>
          <section aria-labelledby="open-programmes" className="programme-section">
            <h2 id="open-programmes">Open for registration</h2>
            {open.length === 0 ? (
              <EmptyState title="Nothing open right now">
                <p>
                  When a programme opens for registration it appears here. Your programme managers will also
                  tell you.
                </p>
              </EmptyState>
            ) : (
              <ProgrammeCards programmes={open} headingLevel={3} />
            )}
          </section>
        </>
      ) : null}
    </>
  );
}

const ENROLMENT_LABELS: Record<string, string> = {
  pending_approval: "waiting for approval",
  active: "active",
  paused: "paused",
  left: "left",
  declined: "not approved",
};

function ProgrammeCards({
  programmes,
  showCounts = false,
  headingLevel = 2,
}: {
  programmes: ProgrammeSummary[];
  showCounts?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <ul className="programme-cards">
      {programmes.map((programme) => (
        <li key={programme.id} className="programme-card">
          <div className="programme-card__head">
            <Heading className="programme-card__title">
              <Link to={to(paths.programme, { programmeId: programme.id })}>{programme.name}</Link>
            </Heading>
            <span className={`badge ${STATUS_TONES[programme.status]}`}>
              {programmeStateLabel(programme)}
            </span>
          </div>
          <p className="programme-card__meta">
            {TYPE_LABELS[programme.type]} · {describeDates(programme)}
          </p>
          {programme.description ? (
            <p className="programme-card__description">{programme.description}</p>
          ) : null}
          {showCounts && programme.counts ? (
            <dl className="programme-counts programme-counts--inline">
              <div>
                <dt>Mentors</dt>
                <dd>{numberFormat.format(programme.counts.mentors)}</dd>
              </div>
              <div>
                <dt>Mentees</dt>
                <dd>{numberFormat.format(programme.counts.mentees)}</dd>
              </div>
              <div>
                <dt>Relationships</dt>
                <dd>{numberFormat.format(programme.counts.liveRelationships)}</dd>
              </div>
              {programme.counts.pendingApproval > 0 ? (
                <div>
                  <dt>Awaiting approval</dt>
                  <dd>{numberFormat.format(programme.counts.pendingApproval)}</dd>
                </div>
              ) : null}
            </dl>
          ) : null}
          {programme.myEnrolment ? (
            <p className="programme-card__mine">
              You are a{" "}
              {programme.myEnrolment.role === "both" ? "mentor and mentee" : programme.myEnrolment.role} here
              ({ENROLMENT_LABELS[programme.myEnrolment.status]}).
            </p>
          ) : programme.registrationOpen ? (
            <p className="programme-card__mine">
              <Link to={to(paths.programmeRegister, { programmeId: programme.id })}>
                Register for {programme.name}
              </Link>
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
