import { useQuery } from "@tanstack/react-query";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Card, Loading } from "../../components/page.tsx";
import { relationshipKeys } from "./relationship-queries.ts";
import { zoneNote } from "../../components/format.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";
import { describeEvent, formatInstant } from "./relationship-words.ts";

/** Every change of the relationship, newest first, with who, when (in the viewer's zone) and why. */
export function HistoryCard({ orgId, relationshipId }: { orgId: string; relationshipId: string }) {
  const history = useQuery({
    queryKey: relationshipKeys.history(orgId, relationshipId),
    queryFn: () => api.call("relationshipHistory", { params: { orgId, relationshipId } }),
  });
  const timeZone = useViewerTimeZone(orgId);
  return (
    <Card title="History">
      {history.isPending ? <Loading label="Loading the history…" /> : null}
      {history.isError ? <Alert tone="error">{describeError(history.error)}</Alert> : null}
      {history.data ? (
        <ol className="history" reversed>
          {[...history.data.events].reverse().map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{formatInstant(event.at, timeZone)}</time>
              {describeEvent(event)}
            </li>
          ))}
        </ol>
      ) : null}
      {history.data ? <p className="muted">{zoneNote(timeZone)}.</p> : null}
    </Card>
  );
}
