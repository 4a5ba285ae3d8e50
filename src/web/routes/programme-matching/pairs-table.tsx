import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { Fragment, useEffect, useRef, useState } from "react";
import type { MatchPair, MatchRun } from "../../../contracts/bulk-matching.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { Loading } from "../../components/page.tsx";
import { formatScore, matchingKeys, type ProgrammeRef, useApplyEdit } from "./matching-api.ts";

const PAGE_SIZE = 25;
type Sort = "score_desc" | "score_asc" | "mentee" | "mentor";

/** The draft's pairs: search, sort, explanations, and (in a draft) lock, remove and change mentor. */
export function PairsTable({
  programme,
  run,
  editable,
  onChangeMentor,
  onRemoved,
}: {
  programme: ProgrammeRef;
  run: MatchRun;
  editable: boolean;
  onChangeMentor: (menteeId: string, name: string) => void;
  /** The removed pair's row (and its focused button) is gone: the caller moves focus. */
  onRemoved: () => void;
}) {
  const [draftQ, setDraftQ] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState<Sort>("score_desc");
  const [page, setPage] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  const filters = { q: q || undefined, sort, limit: PAGE_SIZE, offset: page * PAGE_SIZE };
  const pairs = useQuery({
    queryKey: matchingKeys.pairs(programme.orgId, programme.programmeId, run.id, filters),
    queryFn: () => api.call("listMatchRunPairs", { params: { ...programme, runId: run.id }, query: filters }),
    placeholderData: keepPreviousData,
  });
  const total = pairs.data?.total ?? 0;
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);
  return (
    <>
      <search className="toolbar pairs-toolbar" aria-label="Find pairs">
        <Field
          label="Search by name"
          name="pair-search"
          type="search"
          className="toolbar__search"
          placeholder="Mentee or mentor"
          value={draftQ}
          onChange={(event) => {
            const value = event.target.value;
            setDraftQ(value);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => {
              setQ(value.trim());
              setPage(0);
            }, 300);
          }}
        />
        <SelectField
          label="Sort by"
          name="pair-sort"
          value={sort}
          onChange={(event) => {
            setSort(event.target.value as Sort);
            setPage(0);
          }}
        >
          <option value="score_desc">Best score first</option>
          <option value="score_asc">Lowest score first</option>
          <option value="mentee">Mentee name</option>
          <option value="mentor">Mentor name</option>
        </SelectField>
      </search>
      <p className="result-count" aria-live="polite">
        {pairs.data ? `${total} ${total === 1 ? "pair" : "pairs"}${q ? " found" : ""}` : ""}
      </p>
      {problem ? (
        <div className="problem">
          <Alert tone="error" title="That change was not made">
            <p>{problem}</p>
          </Alert>
          <Button variant="ghost" size="small" onClick={() => setProblem(null)}>
            Dismiss
          </Button>
        </div>
      ) : null}
      {pairs.isPending ? <Loading label="Loading pairs…" /> : null}
      {pairs.isError ? <Alert tone="error">{describeError(pairs.error)}</Alert> : null}
      {pairs.data && pairs.data.pairs.length === 0 ? (
        <p className="empty-note">{q ? "No pair matches that name." : "The draft has no pairs."}</p>
      ) : null}
      {pairs.data && pairs.data.pairs.length > 0 ? (
        <table className="data-table pairs-table">
          <caption className="visually-hidden">Pairs of the draft</caption>
          <thead>
            <tr>
              <th scope="col">Mentee</th>
              <th scope="col">Mentor</th>
              <th scope="col">Score</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {pairs.data.pairs.map((pair) => (
              <PairRow
                key={pair.mentee.userId}
                programme={programme}
                runId={run.id}
                pair={pair}
                editable={editable}
                onProblem={setProblem}
                onChangeMentor={onChangeMentor}
                onRemoved={onRemoved}
              />
            ))}
          </tbody>
        </table>
      ) : null}
      {total > PAGE_SIZE ? (
        <nav className="pager" aria-label="Pair pages">
          <Button variant="secondary" size="small" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <span>
            Page {page + 1} of {lastPage + 1}
          </span>
          <Button
            variant="secondary"
            size="small"
            disabled={page >= lastPage}
            onClick={() => setPage(page + 1)}
          >
            Next
          </Button>
        </nav>
      ) : null}
    </>
  );
}

function PairRow({
  programme,
  runId,
  pair,
  editable,
  onProblem,
  onChangeMentor,
  onRemoved,
}: {
  programme: ProgrammeRef;
  runId: string;
  pair: MatchPair;
  editable: boolean;
  onProblem: (message: string | null) => void;
  onChangeMentor: (menteeId: string, name: string) => void;
  onRemoved: () => void;
}) {
  const [open, setOpen] = useState(false);
  const apply = useApplyEdit(programme);
  const params = { ...programme, runId, menteeId: pair.mentee.userId };
  const edit = useMutation({
    mutationFn: (action: "lock" | "unlock" | "remove") =>
      action === "lock"
        ? api.call("lockMatchPair", { params })
        : action === "unlock"
          ? api.call("unlockMatchPair", { params })
          : api.call("removeMatchPair", { params }),
    onMutate: () => onProblem(null),
    onSuccess: (result, action) => {
      apply(result);
      if (action === "remove") onRemoved();
    },
    onError: (error) => onProblem(describeError(error)),
  });
  const detailsId = `why-${pair.mentee.userId}`;
  const mentee = pair.mentee.name;
  return (
    <Fragment>
      <tr className={`pairs-table__row${pair.locked ? " pairs-table__row--locked" : ""}`}>
        <td data-label="Mentee">
          <span className="member-name">
            {mentee}
            {pair.locked ? <span className="badge badge--info">Locked</span> : null}
            {pair.manual ? <span className="badge badge--neutral">Changed</span> : null}
          </span>
        </td>
        <td data-label="Mentor">{pair.mentor.name}</td>
        <td data-label="Score">
          <button
            type="button"
            className="score-toggle"
            aria-expanded={open}
            aria-controls={detailsId}
            onClick={() => setOpen(!open)}
          >
            <span className="score-toggle__value">{formatScore(pair.score)}</span>
            <span className="visually-hidden">
              : {open ? "hide" : "show"} why {mentee} and {pair.mentor.name} scored it
            </span>
            <span aria-hidden="true" className="score-toggle__why">
              {open ? "Hide why" : "Why?"}
            </span>
          </button>
        </td>
        <td className="data-table__actions">
          {editable ? (
            <span className="pair-actions">
              <Button
                variant="secondary"
                size="small"
                aria-pressed={pair.locked}
                className="lock-toggle"
                aria-label={`Lock pair of ${mentee}`}
                busy={edit.isPending && edit.variables !== "remove"}
                onClick={() => edit.mutate(pair.locked ? "unlock" : "lock")}
              >
                Lock
              </Button>
              <Button
                variant="secondary"
                size="small"
                disabled={pair.locked}
                aria-label={`Change mentor for ${mentee}`}
                onClick={() => onChangeMentor(pair.mentee.userId, mentee)}
              >
                Change mentor
              </Button>
              <Button
                variant="danger"
                size="small"
                disabled={pair.locked}
                aria-label={`Remove pair of ${mentee}`}
                busy={edit.isPending && edit.variables === "remove"}
                busyLabel="Removing…"
                onClick={() => edit.mutate("remove")}
              >
                Remove
              </Button>
            </span>
          ) : null}
        </td>
      </tr>
      <tr id={detailsId} hidden={!open} className="pairs-table__details">
        <td colSpan={4}>
          <Explanation pair={pair} />
        </td>
      </tr>
    </Fragment>
  );
}

function Explanation({ pair }: { pair: MatchPair }) {
  if (pair.explanation.length === 0) return <p>No explanation was recorded for this pair.</p>;
  return (
    <ul
      className="explanation"
      aria-label={`Why ${pair.mentee.name} and ${pair.mentor.name} score ${formatScore(pair.score)}`}
    >
      {pair.explanation.map((item) => (
        <li key={item.criterion} className="explanation__item">
          <span className="explanation__criterion">{item.criterion}</span>
          <span className="explanation__detail">
            {item.weight > 0
              ? `${Math.round(item.value / 100)}% met, weight ${item.weight}: +${formatScore(item.points)}`
              : item.passed
                ? "required: met"
                : "required: not met"}
          </span>
        </li>
      ))}
    </ul>
  );
}
