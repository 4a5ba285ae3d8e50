import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Loading } from "../../components/page.tsx";
import { matchingKeys, type ProgrammeRef } from "./matching-api.ts";

const PAGE_SIZE = 50;

/** Mentees the draft leaves unmatched, each with the matcher's reason (or "removed by manager"). */
export function UnmatchedList({
  programme,
  run,
  editable,
  onFindMentor,
}: {
  programme: ProgrammeRef;
  run: MatchRun;
  editable: boolean;
  onFindMentor: (menteeId: string, name: string) => void;
}) {
  const [page, setPage] = useState(0);
  const filters = { limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  const people = useQuery({
    queryKey: matchingKeys.unmatched(programme.orgId, programme.programmeId, run.id, filters),
    queryFn: () =>
      api.call("listMatchRunUnmatched", { params: { ...programme, runId: run.id }, query: filters }),
    placeholderData: keepPreviousData,
  });
  if (people.isPending) return <Loading label="Loading unmatched mentees…" />;
  if (people.isError) return <Alert tone="error">{describeError(people.error)}</Alert>;
  const { total } = people.data;
  if (total === 0) return <p className="empty-note">Every mentee in the run has a mentor.</p>;
  return (
    <>
      <ul className="item-list unmatched-list">
        {people.data.people.map((person) => (
          <li key={person.userId} className="item-list__item">
            <div className="item-list__main">
              <p className="item-list__title">{person.name}</p>
              <p className="item-list__meta">{person.reason}</p>
            </div>
            {editable ? (
              <div className="item-list__actions">
                <Button
                  variant="secondary"
                  size="small"
                  aria-label={`Find a mentor for ${person.name}`}
                  onClick={() => onFindMentor(person.userId, person.name)}
                >
                  Find a mentor
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      {total > PAGE_SIZE ? (
        <nav className="pager" aria-label="Unmatched pages">
          <Button variant="secondary" size="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page + 1} of {Math.ceil(total / PAGE_SIZE)}
          </span>
          <Button
            variant="secondary"
            size="small"
            disabled={(page + 1) * PAGE_SIZE >= total}
            onClick={() => setPage(page + 1)}
          >
            Next
          </Button>
        </nav>
      ) : null}
    </>
  );
}
