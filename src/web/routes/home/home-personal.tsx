import { Link } from "react-router";
import type { Home, HomeRequest } from "../../../contracts/home.ts";
import { paths, to } from "../../app/routes.tsx";
import { formatDateTime } from "../../components/format.ts";
import { daysAgo, STATUS_LABEL, STATUS_TONE } from "../relationships/relationship-words.ts";
import { expiryCountdown, STATUS_LABELS, STATUS_TONES } from "../requests/request-format.ts";

/** My part of Home: next steps, requests to answer and sent, and my live pairs. */
export function PersonalHome({ home }: { home: Home }) {
  const { timeZone } = home;
  return (
    <>
      {home.nextSteps.length > 0 ? (
        <section className="card home-section" aria-labelledby="home-next-steps">
          <h2 id="home-next-steps" className="card__title">
            What's next for you
          </h2>
          <ul className="home-list">
            {home.nextSteps.map((step) => (
              <li key={`${step.kind}-${step.relationshipId ?? step.link}`}>
                <Link to={step.link}>{step.text}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {home.requestsToAnswer.length > 0 ? (
        <RequestSection
          id="home-to-answer"
          title="Requests waiting for your answer"
          requests={home.requestsToAnswer}
          timeZone={timeZone}
          who="From"
        />
      ) : null}
      {home.sentRequests.length > 0 ? (
        <RequestSection
          id="home-sent"
          title="Requests you sent"
          requests={home.sentRequests}
          timeZone={timeZone}
          who="To"
        />
      ) : null}
      {home.pairs.length > 0 ? (
        <section className="card home-section" aria-labelledby="home-pairs">
          <h2 id="home-pairs" className="card__title">
            Your mentoring
          </h2>
          <ul className="home-list home-list--plain">
            {home.pairs.map((pair) => (
              <li key={pair.id} className="home-row">
                <div className="home-row__main">
                  <Link to={to(paths.relationship, { relationshipId: pair.id })} className="home-row__name">
                    {pair.other.name}
                  </Link>
                  <span className="muted">
                    {pair.myRole === "mentee" ? "Your mentor" : "Your mentee"} · {pair.programme.name}
                  </span>
                </div>
                <div className="home-row__side">
                  <span className={`badge ${STATUS_TONE[pair.status]}`}>{STATUS_LABEL[pair.status]}</span>
                  <span className="muted">Last activity {daysAgo(pair.daysSinceActivity)}</span>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function RequestSection({
  id,
  title,
  requests,
  timeZone,
  who,
}: {
  id: string;
  title: string;
  requests: HomeRequest[];
  timeZone: string;
  who: "From" | "To";
}) {
  return (
    <section className="card home-section" aria-labelledby={id}>
      <h2 id={id} className="card__title">
        {title}
      </h2>
      <ul className="home-list home-list--plain">
        {requests.map((request) => {
          const open = request.status === "pending" || request.status === "needs_info";
          return (
            <li key={request.id} className="home-row">
              <div className="home-row__main">
                <Link to={to(paths.request, { requestId: request.id })} className="home-row__name">
                  {who} {request.person.name}
                </Link>
                <span className="muted">{request.programme.name}</span>
              </div>
              <div className="home-row__side">
                <span className={`badge ${STATUS_TONES[request.status]}`}>
                  {STATUS_LABELS[request.status]}
                </span>
                {open ? (
                  <span className="muted">
                    Expires{" "}
                    <time dateTime={request.expiresAt}>{formatDateTime(request.expiresAt, timeZone)}</time> (
                    {expiryCountdown(request.expiresAt).replace(/^expires /, "")})
                  </span>
                ) : (
                  <span className="muted">
                    <time dateTime={request.updatedAt}>{formatDateTime(request.updatedAt, timeZone)}</time>
                  </span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
