import { Link } from "react-router";
import type { Home } from "../../../contracts/home.ts";
import { describeError } from "../../api/api-error.ts";
import { currentMembership, isAdminOf, useMe } from "../../api/queries.ts";
import { paths } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { zoneNote } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { VerifyEmailNotice } from "../../components/verify-banner.tsx";
import { HomeSessions } from "../sessions/home-sessions.tsx";
import { ManagerHome } from "./home-manager.tsx";
import { PersonalHome } from "./home-personal.tsx";
import { useHome } from "./home-queries.ts";
import "./home.css";

function greeting(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name;
  return `Welcome, ${first}`;
}

/** Home: what is next for me here, and for admins what each programme needs. */
export default function HomePage() {
  const me = useMe().data!;
  const membership = currentMembership(me);
  const home = useHome(membership ? me.currentOrgId : null, me.user.id);

  return (
    <>
      <PageHeader
        title={greeting(me.user.name)}
        description={
          membership ? (
            <>
              You are {membership.role === "member" ? "a member" : `an ${membership.role}`} of{" "}
              <strong className="home-org">{membership.orgName}</strong>.
              {home.data ? ` ${zoneNote(home.data.timeZone)}.` : null}
            </>
          ) : (
            "You are not in an organisation yet."
          )
        }
      />
      <VerifyEmailNotice me={me} />
      {!membership ? (
        <EmptyState title="No organisation yet">
          <p>
            Ask an admin of your organisation to invite you. Their invitation link brings you straight in.
          </p>
        </EmptyState>
      ) : home.isPending ? (
        <Loading label="Loading what's next…" />
      ) : home.isError ? (
        <Alert tone="error">{describeError(home.error)}</Alert>
      ) : (
        <div className="stack home">
          <HomeSessions home={home.data} />
          <PersonalHome home={home.data} />
          {home.data.manager ? <ManagerHome manager={home.data.manager} /> : null}
          <HomeEmptyState home={home.data} isAdmin={isAdminOf(me)} orgName={membership.orgName} />
        </div>
      )}
    </>
  );
}

/**
 * What to do when Home has nothing to show yet, with a next step that exists: an owner with no
 * programme invites people or creates one; a member in no programme browses programmes.
 */
function HomeEmptyState({ home, isAdmin, orgName }: { home: Home; isAdmin: boolean; orgName: string }) {
  const personalEmpty =
    home.nextSteps.length === 0 &&
    home.requestsToAnswer.length === 0 &&
    home.sentRequests.length === 0 &&
    home.pairs.length === 0;
  if (isAdmin && home.manager && home.manager.programmes.length === 0) {
    const alone = home.manager.members <= 1;
    return (
      <EmptyState
        title={alone ? "Your mentoring space is ready" : "No programme is running"}
        actions={
          <>
            {alone ? (
              <Link to={paths.invitations} className="button button--primary">
                Invite members
              </Link>
            ) : null}
            <Link
              to={paths.newProgramme}
              className={`button ${alone ? "button--secondary" : "button--primary"}`}
            >
              Create a programme
            </Link>
          </>
        }
      >
        <p>
          {alone
            ? `Invite the mentors and mentees of ${orgName}, then create a programme for them to join.`
            : `${orgName} has ${home.manager.members} members. Create a programme, or open registration for a draft one, so people can be matched.`}
        </p>
      </EmptyState>
    );
  }
  if (!personalEmpty || isAdmin) return null;
  return (
    <EmptyState
      title={home.enrolledProgrammes > 0 ? "Nothing to do right now" : "You are not in a programme yet"}
      actions={
        <Link to={paths.programmes} className="button button--primary">
          Browse programmes
        </Link>
      }
    >
      <p>
        {home.enrolledProgrammes > 0
          ? "Requests, agreements to confirm and your pairs show here as soon as there is something for you."
          : `Join a programme of ${orgName} to find a mentor or to mentor someone. Your requests and pairs will show here.`}
      </p>
    </EmptyState>
  );
}
