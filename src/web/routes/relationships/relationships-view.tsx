import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { RelationshipStatusSchema, type ManagedRelationship } from "../../../contracts/relationships.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { EmptyState, Loading } from "../../components/page.tsx";
import { paths, to } from "../../app/routes.tsx";
import { relationshipKeys } from "./relationship-queries.ts";
import { daysAgo, formatDay, STATUS_LABEL, STATUS_TONE } from "./relationship-words.ts";
import "./relationships.css";
import { Pager } from "../../components/pager.tsx";

const pageSize = 50;

/**
 * The managers' table of relationships: filters in the URL (programme, state, name, sort), days
 * since the last activity, state badges. No private content: the API sends none.
 */
export function RelationshipsView({ orgId, programmeId }: { orgId: string; programmeId?: string }) {
  const [search, setSearch] = useSearchParams();
  const q = search.get("q") ?? "";
  const status = RelationshipStatusSchema.safeParse(search.get("status")).data;
  const chosenProgramme = programmeId ?? (search.get("programme") || undefined);
  const sort = search.get("sort") === "inactive" ? "inactive" : "newest";
  const page = Math.max(0, Number(search.get("page")) || 0);
  const [draft, setDraft] = useState(q);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setDraft(q), [q]);
  useEffect(() => () => clearTimeout(typing.current), []);

  function update(changes: Record<string, string>) {
    const next = new URLSearchParams(search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setSearch(next, { replace: true });
  }

  const filters = {
    programmeId: chosenProgramme,
    status,
    q: q || undefined,
    sort,
    limit: pageSize,
    offset: page * pageSize,
  } as const;
  const list = useQuery({
    queryKey: relationshipKeys.list(orgId, filters),
    queryFn: () => api.call("listRelationships", { params: { orgId }, query: filters }),
    placeholderData: keepPreviousData,
  });
  const programmes = useQuery({
    queryKey: relationshipKeys.programmes(orgId),
    queryFn: () => api.call("listProgrammes", { params: { orgId } }),
    enabled: !programmeId,
  });
  const total = list.data?.total ?? 0;
  const filtered = Boolean(q || status || (!programmeId && chosenProgramme));

  return (
    <>
      <search className="toolbar relationships-toolbar" aria-label="Filter relationships">
        <Field
          label="Search by name"
          name="q"
          id="relationship-search"
          type="search"
          className="toolbar__search"
          placeholder="Mentee or mentor"
          value={draft}
          onChange={(event) => {
            const value = event.target.value;
            setDraft(value);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => update({ q: value, page: "" }), 300);
          }}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              clearTimeout(typing.current);
              update({ q: draft, page: "" });
            }
          }}
        />
        {programmeId ? null : (
          <SelectField
            label="Programme"
            name="programme"
            id="relationship-programme"
            value={chosenProgramme ?? ""}
            onChange={(event) => update({ programme: event.target.value, page: "" })}
          >
            <option value="">All programmes</option>
            {(programmes.data?.programmes ?? []).map((programme) => (
              <option key={programme.id} value={programme.id}>
                {programme.name}
              </option>
            ))}
          </SelectField>
        )}
        <SelectField
          label="State"
          name="status"
          id="relationship-status"
          value={status ?? ""}
          onChange={(event) => update({ status: event.target.value, page: "" })}
        >
          <option value="">Any state</option>
          {RelationshipStatusSchema.options.map((value) => (
            <option key={value} value={value}>
              {STATUS_LABEL[value]}
              {list.data ? ` (${list.data.counts[value]})` : ""}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Order"
          name="sort"
          id="relationship-sort"
          value={sort}
          onChange={(event) =>
            update({ sort: event.target.value === "inactive" ? "inactive" : "", page: "" })
          }
        >
          <option value="newest">Newest first</option>
          <option value="inactive">Longest without activity first</option>
        </SelectField>
      </search>
      <p className="result-count" aria-live="polite">
        {list.data
          ? `${total} ${total === 1 ? "relationship" : "relationships"}${filtered ? " found" : ""}`
          : ""}
      </p>
      {list.isPending ? <Loading label="Loading relationships…" /> : null}
      {list.isError ? <Alert tone="error">{describeError(list.error)}</Alert> : null}
      {list.data && list.data.relationships.length === 0 ? (
        <EmptyState title={filtered ? "No relationship matches" : "No relationships yet"}>
          <p>
            {filtered
              ? "Try another name, or clear the filters."
              : "Relationships start when a mentor accepts a request or when you publish a bulk match."}
          </p>
        </EmptyState>
      ) : null}
      {list.data && list.data.relationships.length > 0 ? (
        <RelationshipTable rows={list.data.relationships} showProgramme={!programmeId} />
      ) : null}
      <Pager
        label="Relationship pages"
        page={page}
        pageSize={pageSize}
        total={total}
        onPage={(next) => update({ page: String(next) })}
      />
    </>
  );
}

function RelationshipTable({ rows, showProgramme }: { rows: ManagedRelationship[]; showProgramme: boolean }) {
  return (
    <table className="data-table">
      <caption className="visually-hidden">Relationships</caption>
      <thead>
        <tr>
          <th scope="col">Pair</th>
          {showProgramme ? <th scope="col">Programme</th> : null}
          <th scope="col">State</th>
          <th scope="col">Agreement</th>
          <th scope="col">Ends</th>
          <th scope="col">Last activity</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.id}>
            <td data-label="Pair">
              <Link to={to(paths.relationship, { relationshipId: row.id })} className="pair-link">
                {row.mentee.name}
                <span className="muted"> with </span>
                {row.mentor.name}
              </Link>
            </td>
            {showProgramme ? <td data-label="Programme">{row.programme.name}</td> : null}
            <td data-label="State">
              <span className={`badge ${STATUS_TONE[row.status]}`}>{STATUS_LABEL[row.status]}</span>
            </td>
            <td data-label="Agreement">{row.agreementConfirmed ? "Confirmed" : "Waiting"}</td>
            <td data-label="Ends">{row.endsOn ? formatDay(row.endsOn) : "No fixed end"}</td>
            <td data-label="Last activity">
              <span className={row.daysSinceActivity >= 30 && isLive(row) ? "stale" : undefined}>
                {daysAgo(row.daysSinceActivity)}
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function isLive(row: ManagedRelationship): boolean {
  return row.status === "proposed" || row.status === "active" || row.status === "paused";
}
