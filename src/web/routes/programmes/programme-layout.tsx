import { Link, NavLink, Outlet, useOutletContext, useParams } from "react-router";
import type { Programme } from "../../../contracts/programmes.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { topic } from "../../../contracts/realtime.ts";
import { isAdminOf, useMe } from "../../api/queries.ts";
import { useRealtime } from "../../api/realtime.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { ProgrammeActions } from "./programme-actions.tsx";
import { programmeStateLabel, STATUS_TONES } from "./programme-labels.ts";
import { useProgramme } from "./programme-queries.ts";
import "./programmes.css";

/** What the programme frame hands the tab inside it: `const { programme } = useProgrammeFrame()`. */
export interface ProgrammeFrame {
  orgId: string;
  programme: Programme;
  isAdmin: boolean;
}

export function useProgrammeFrame(): ProgrammeFrame {
  return useOutletContext<ProgrammeFrame>();
}

/** The tabs a person sees: admins manage; members register and, as mentees, find a mentor. */
export function programmeTabs(programme: Programme, isAdmin: boolean) {
  const at = (path: string) => to(path, { programmeId: programme.id });
  const enrolledMentee =
    programme.myEnrolment?.status === "active" && programme.myEnrolment.role !== "mentor";
  return [
    { label: "Overview", to: at(paths.programme), end: true, show: true },
    { label: "Settings", to: at(paths.programmeSettings), show: isAdmin },
    { label: "Participants", to: at(paths.programmeParticipants), show: isAdmin },
    { label: "Import", to: at(paths.programmeImport), show: isAdmin },
    { label: "Matching", to: at(paths.programmeMatching), show: isAdmin },
    { label: "Relationships", to: at(paths.programmeRelationships), show: isAdmin },
    { label: "Register", to: at(paths.programmeRegister), show: !isAdmin && programme.registrationOpen },
    {
      label: "Find a mentor",
      to: at(paths.programmeMentors),
      show: enrolledMentee && programme.matchingMode !== "admin",
    },
  ].filter((tab) => tab.show);
}

/** The frame of every programme page: its name and state, the admin's state buttons, and the tabs. */
export default function ProgrammeLayout() {
  const me = useMe().data!;
  const { programmeId = "" } = useParams();
  const orgId = me.currentOrgId ?? "";
  const isAdmin = isAdminOf(me);
  const programme = useProgramme(orgId, programmeId);
  // Its state and settings, changed by another admin or by publishing a match, show without reloading.
  useRealtime([programmeId && topic("programme", programmeId)]);

  if (programme.isPending) return <Loading label="Loading the programme…" />;
  if (programme.isError) {
    const missing =
      isApiError(programme.error, "not_found") || isApiError(programme.error, "validation_failed");
    return (
      <>
        <PageHeader title={missing ? "Programme not found" : "Programme"} />
        {missing ? (
          <EmptyState
            title="This programme is not here"
            actions={
              <Link to={paths.programmes} className="button button--secondary">
                All programmes
              </Link>
            }
          >
            <p>It may have been archived, or it belongs to another organisation.</p>
          </EmptyState>
        ) : (
          <Alert tone="error">{describeError(programme.error)}</Alert>
        )}
      </>
    );
  }
  const current = programme.data;
  const frame: ProgrammeFrame = { orgId, programme: current, isAdmin };
  return (
    <>
      <div className="programme-frame">
        <p className="programme-frame__crumbs">
          <Link to={paths.programmes}>Programmes</Link>
          <span aria-hidden="true"> / </span>
          <span className="programme-frame__name">{current.name}</span>{" "}
          <span className={`badge ${STATUS_TONES[current.status]}`}>
            <span className="visually-hidden">State: </span>
            {programmeStateLabel(current)}
          </span>
        </p>
        {isAdmin ? <ProgrammeActions key={current.id} orgId={orgId} programme={current} /> : null}
        <nav aria-label="Programme sections" className="programme-tabs">
          <ul>
            {programmeTabs(current, isAdmin).map((tab) => (
              <li key={tab.label}>
                <NavLink to={tab.to} end={tab.end} className="programme-tabs__link">
                  {tab.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <Outlet context={frame} />
    </>
  );
}
