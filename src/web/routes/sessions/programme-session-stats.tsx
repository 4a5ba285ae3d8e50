import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { paths, to } from "../../app/routes.tsx";
import { Alert } from "../../components/alert.tsx";
import { formatDate, zoneName } from "../../components/format.ts";
import { Card, Loading } from "../../components/page.tsx";
import { useViewerTimeZone } from "../requests/request-api.ts";
import { sessionKeys } from "./session-api.ts";
import "./sessions.css";

const count = new Intl.NumberFormat("en-GB");
const hours = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * For a programme's admins: per pair, sessions held, cancelled (late), missed and the hours logged.
 * Counts and dates only; never notes or agenda. Dates in the viewer's profile zone, named.
 */
export function ProgrammeSessionStats({ programmeId }: { programmeId: string }) {
  const me = useMe().data;
  const orgId = me?.currentOrgId ?? "";
  const timeZone = useViewerTimeZone(orgId);
  const stats = useQuery({
    queryKey: sessionKeys.stats(orgId, programmeId),
    queryFn: () => api.call("programmeSessionStats", { params: { orgId, programmeId } }),
    enabled: Boolean(orgId && programmeId),
  });
  return (
    <Card title="Sessions per pair">
      {stats.isPending ? (
        <Loading label="Loading session counts…" />
      ) : stats.isError ? (
        <Alert tone="error">{describeError(stats.error)}</Alert>
      ) : stats.data.pairs.length === 0 ? (
        <p>No pairs yet: counts of held, cancelled and missed sessions show here once pairs meet.</p>
      ) : (
        <>
          <p className="muted">
            Counts only: the pairs' notes and agendas stay private.
            {` Dates in ${zoneName(timeZone)}.`}
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Sessions per pair</caption>
              <thead>
                <tr>
                  <th scope="col">Pair</th>
                  <th scope="col">Held</th>
                  <th scope="col">Cancelled (late)</th>
                  <th scope="col">Missed</th>
                  <th scope="col">Upcoming</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Last held</th>
                  <th scope="col">Next</th>
                </tr>
              </thead>
              <tbody>
                {stats.data.pairs.map((pair) => (
                  <tr key={pair.relationshipId}>
                    <th scope="row">
                      <Link to={to(paths.relationship, { relationshipId: pair.relationshipId })}>
                        {pair.mentee.name} and {pair.mentor.name}
                      </Link>
                    </th>
                    <td>{count.format(pair.held)}</td>
                    <td>
                      {count.format(pair.cancelled)} ({count.format(pair.cancelledLate)})
                    </td>
                    <td>{count.format(pair.missed)}</td>
                    <td>{count.format(pair.upcoming)}</td>
                    <td>{hours.format(pair.hoursLogged)}</td>
                    <td>{pair.lastHeldAt ? formatDate(pair.lastHeldAt, timeZone) : "—"}</td>
                    <td>{pair.nextAt ? formatDate(pair.nextAt, timeZone) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
