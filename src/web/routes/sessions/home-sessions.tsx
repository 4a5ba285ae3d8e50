import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "react-router";
import type { Home } from "../../../contracts/home.ts";
import type { ActionItem } from "../../../contracts/sessions.ts";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatDateTime, formatDay, zoneName } from "../../components/format.ts";

/**
 * Home's sessions part: my next session, one click to its page (with the other's local time),
 * and my open follow-ups. Kept free of the session pages' code (Intl only), so Home stays light.
 */
export function HomeSessions({ home }: { home: Home }) {
  const { nextSession, openActionItems, timeZone } = home;
  if (!nextSession && openActionItems.length === 0) return null;
  return (
    <>
      {nextSession ? (
        <section className="card home-section" aria-labelledby="home-next-session">
          <h2 id="home-next-session" className="card__title">
            Your next session
          </h2>
          <p>
            <Link to={to(paths.session, { sessionId: nextSession.id })} className="home-row__name">
              {formatDateTime(nextSession.startsAt, timeZone)} ({zoneName(timeZone)}) with{" "}
              {nextSession.with.map((person) => person.name).join(" and ")}
            </Link>
          </p>
          <p className="muted">
            {nextSession.programme.name}
            {nextSession.with.map(
              (person) =>
                ` · ${formatDateTime(nextSession.startsAt, person.timeZone).split(", ").pop()} for ${person.name.split(" ")[0]} (${zoneName(person.timeZone)})`,
            )}
            {nextSession.status === "proposed"
              ? nextSession.mustAnswer
                ? " · waiting for your answer"
                : " · waiting for their answer"
              : ""}
          </p>
        </section>
      ) : null}
      {openActionItems.length > 0 ? (
        <section className="card home-section" aria-labelledby="home-follow-ups">
          <h2 id="home-follow-ups" className="card__title">
            Your open follow-ups
          </h2>
          <ul className="home-list home-list--plain" aria-label="Open follow-ups">
            {openActionItems.map((item) => (
              <HomeActionItem key={item.id} item={item} />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

function HomeActionItem({ item }: { item: ActionItem }) {
  const me = useMe().data;
  const orgId = me?.currentOrgId ?? "";
  const client = useQueryClient();
  const done = useMutation({
    mutationFn: () =>
      api.call("updateActionItem", {
        params: { orgId, sessionId: item.sessionId, itemId: item.id },
        body: { done: true },
      }),
    onSettled: () => client.invalidateQueries({ queryKey: ["org", orgId] }),
  });
  return (
    <li className="home-row">
      <div className="home-row__main">
        <span className="home-row__name">{item.text}</span>
        <span className="muted">
          {item.owner.userId === me?.user.id ? "Yours" : item.owner.name}
          {item.dueOn ? ` · due ${formatDay(item.dueOn)}` : ""} ·{" "}
          <Link to={to(paths.session, { sessionId: item.sessionId })}>
            its session<span className="visually-hidden"> ({item.text})</span>
          </Link>
        </span>
      </div>
      <div className="home-row__side">
        <button
          type="button"
          className="button button--secondary button--small"
          aria-busy={done.isPending || undefined}
          onClick={() => done.mutate()}
        >
          Mark done<span className="visually-hidden">: {item.text}</span>
        </button>
        {done.isError ? <Alert tone="error">{describeError(done.error)}</Alert> : null}
      </div>
    </li>
  );
}
