import { Link } from "react-router";
import { currentMembership, isAdminOf, useMe } from "../../api/queries.ts";
import { EmptyState, PageHeader } from "../../components/page.tsx";
import { VerifyEmailNotice } from "../../components/verify-banner.tsx";

function greeting(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name;
  return `Welcome, ${first}`;
}

export default function HomePage() {
  const me = useMe().data!;
  const membership = currentMembership(me);
  const isAdmin = isAdminOf(me);

  return (
    <>
      <PageHeader
        title={greeting(me.user.name)}
        description={
          membership ? (
            <>
              You are {membership.role === "member" ? "a member" : `an ${membership.role}`} of{" "}
              <strong>{membership.orgName}</strong>.
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
      ) : isAdmin ? (
        <>
          <EmptyState
            title="Your mentoring space is ready"
            actions={
              <>
                <Link to="/members/invitations" className="button button--primary">
                  Invite people
                </Link>
                <Link to="/members" className="button button--secondary">
                  See members
                </Link>
              </>
            }
          >
            <p>
              Programmes, matches and sessions will appear here. Start by inviting the mentors and mentees of{" "}
              {membership.orgName}.
            </p>
          </EmptyState>
          <section className="steps" aria-labelledby="next-steps">
            <h2 id="next-steps">Next steps</h2>
            <ol className="steps__list">
              <li className="steps__item">
                <span className="steps__number" aria-hidden="true">
                  1
                </span>
                <div>
                  <h3>Invite your people</h3>
                  <p>
                    Send invitations by email with a role: members take part, admins help you run things.{" "}
                    <Link to="/members/invitations">Open invitations</Link>
                  </p>
                </div>
              </li>
              <li className="steps__item">
                <span className="steps__number" aria-hidden="true">
                  2
                </span>
                <div>
                  <h3>Check what was sent</h3>
                  <p>
                    Without an SMTP server, Trellis keeps every email it sends so you can pass links on.{" "}
                    <Link to="/emails">Open sent email</Link>
                  </p>
                </div>
              </li>
              <li className="steps__item">
                <span className="steps__number" aria-hidden="true">
                  3
                </span>
                <div>
                  <h3>Secure your account</h3>
                  <p>
                    Verify your email and review where you are signed in.{" "}
                    <Link to="/account">Open my account</Link>
                  </p>
                </div>
              </li>
            </ol>
          </section>
        </>
      ) : (
        <EmptyState
          title="Nothing here yet"
          actions={
            <Link to="/account" className="button button--secondary">
              Review my account
            </Link>
          }
        >
          <p>
            When {membership.orgName} starts a mentoring programme, your matches and sessions will show up
            here.
          </p>
        </EmptyState>
      )}
    </>
  );
}
