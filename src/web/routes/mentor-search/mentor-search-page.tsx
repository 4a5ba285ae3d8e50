import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { MentorCard } from "../../../contracts/mentor-search.ts";
import type { RequestDetail } from "../../../contracts/requests.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatDate } from "../../components/format.ts";
import { EmptyState, Loading, PageHeader } from "../../components/page.tsx";
import { useProgrammeFrame } from "../programmes/programme-layout.tsx";
import { useRecommendations } from "./mentor-search-api.ts";
import { MentorCardView } from "./mentor-card.tsx";
import { MentorSearchPanel } from "./mentor-search-panel.tsx";
import { RequestDialog } from "./request-dialog.tsx";
import "../requests/requests.css";
import "./mentor-search.css";

/**
 * Find a mentor: recommended mentors (the matcher's ranking with the why of each score) or a
 * full-text search with facets; a request to a mentor in GROW steps.
 */
export default function MentorSearchPage() {
  const { orgId, programme, isAdmin } = useProgrammeFrame();
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "search" ? "search" : "recommended";
  const enrolment = programme.myEnrolment;
  const isMentee = enrolment?.status === "active" && enrolment.role !== "mentor";
  const recommendations = useRecommendations(
    orgId,
    programme.id,
    isMentee && programme.matchingMode !== "admin",
  );
  const [asking, setAsking] = useState<MentorCard | null>(null);
  const [sent, setSent] = useState<RequestDetail | null>(null);
  const allowance = recommendations.data?.allowance;
  const canRequest = isMentee && (allowance?.canRequest ?? false);

  const choose = (next: "recommended" | "search") => {
    const search = new URLSearchParams(params);
    if (next === "search") search.set("view", "search");
    else search.delete("view");
    setParams(search, { replace: true });
  };

  if (programme.matchingMode === "admin") {
    return (
      <>
        <PageHeader title="Find a mentor" />
        <EmptyState title="Your programme manager makes the matches">
          <p>In this programme mentees do not choose: you will hear as soon as you are matched.</p>
        </EmptyState>
      </>
    );
  }
  if (!isMentee && !isAdmin) {
    return (
      <>
        <PageHeader title="Find a mentor" />
        <EmptyState
          title="This page is for the programme's mentees"
          actions={
            <Link className="button button--primary" to={to(paths.programme, { programmeId: programme.id })}>
              About the programme
            </Link>
          }
        >
          <p>Register as a mentee in this programme (and be approved, where it asks) to choose a mentor.</p>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Find a mentor"
        description="Choose a mentor from your recommendations, or search all the programme's mentors, then send a request."
        actions={
          <Link to={paths.requests} className="button button--secondary">
            My requests
          </Link>
        }
      />
      <div aria-live="polite">
        {sent ? (
          <Alert tone="success" title={`Request sent to ${sent.mentor.name}`}>
            <p>
              They have until {formatDate(sent.expiresAt)} to answer.{" "}
              <Link to={to(paths.request, { requestId: sent.id })}>Open the request</Link>
            </p>
          </Alert>
        ) : null}
      </div>
      {isMentee && allowance && !allowance.canRequest ? (
        <Alert tone="info" title="You cannot send a new request right now">
          {allowance.reason}
        </Alert>
      ) : null}
      {isMentee && allowance?.canRequest ? (
        <p className="muted">
          Open requests: {allowance.openRequests} of {allowance.pendingRequestCap}.
        </p>
      ) : null}
      <fieldset className="segmented find-mentor__views">
        <legend className="visually-hidden">Show</legend>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={view === "recommended"}
          onClick={() => choose("recommended")}
        >
          Recommended
        </button>
        <button
          type="button"
          className="segmented__option"
          aria-pressed={view === "search"}
          onClick={() => choose("search")}
        >
          Search
        </button>
      </fieldset>
      {view === "recommended" ? (
        <section aria-labelledby="recommended-heading">
          <h2 id="recommended-heading" className="find-mentor__section-title">
            Recommended for you
          </h2>
          {!isMentee ? (
            <Alert tone="info">
              Recommendations are for mentees. As an admin you can search the mentors.
            </Alert>
          ) : null}
          {recommendations.isPending && isMentee ? <Loading label="Finding your best matches…" /> : null}
          {recommendations.isError ? (
            <Alert tone={isApiError(recommendations.error, "forbidden") ? "info" : "error"}>
              {describeError(recommendations.error)}
            </Alert>
          ) : null}
          {recommendations.data && recommendations.data.recommendations.length === 0 ? (
            <EmptyState title="No mentor fits yet">
              <p>
                No mentor with room meets this programme's must-have rules for you. Add languages or skills to
                your profile, or search all mentors and check “How do I match?” on a card.
              </p>
            </EmptyState>
          ) : null}
          {recommendations.data && recommendations.data.recommendations.length > 0 ? (
            <>
              <p className="muted">
                Your top {recommendations.data.recommendations.length} of{" "}
                {recommendations.data.eligibleMentors.toLocaleString()} mentors who fit the programme's rules
                and have room. Looking for someone in particular? Search, then choose “How do I match?” on
                their card.
              </p>
              <ul className="mentor-list">
                {recommendations.data.recommendations.map((item) => (
                  <li key={item.userId}>
                    <MentorCardView
                      orgId={orgId}
                      programmeId={programme.id}
                      mentor={item}
                      rank={item.rank}
                      score={item.score}
                      why={item.why}
                      canRequest={canRequest}
                      onRequest={setAsking}
                    />
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : (
        <section aria-labelledby="search-heading">
          <h2 id="search-heading" className="find-mentor__section-title">
            All mentors of the programme
          </h2>
          <MentorSearchPanel
            orgId={orgId}
            programmeId={programme.id}
            canRequest={canRequest}
            onRequest={setAsking}
          />
        </section>
      )}
      <RequestDialog
        orgId={orgId}
        programmeId={programme.id}
        mentor={asking}
        onClose={() => setAsking(null)}
        onSent={(request) => {
          setAsking(null);
          setSent(request);
        }}
      />
    </>
  );
}
