import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { FacetName, MentorCard } from "../../../contracts/mentor-search.ts";
import { describeError } from "../../api/api-error.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { EmptyState, Loading } from "../../components/page.tsx";
import { FacetFilters } from "./facet-filters.tsx";
import { PAGE_SIZE, type SearchFilters, useMentorSearch } from "./mentor-search-api.ts";
import { MentorCardView } from "./mentor-card.tsx";

const FACETS = ["department", "language", "location", "skill"] as const;

/** The search as the address holds it (so back, forward and shared links keep it). */
function useSearchFilters(): [SearchFilters, (change: (params: URLSearchParams) => void) => void] {
  const [params, setParams] = useSearchParams();
  const filters: SearchFilters = {
    q: params.get("q") ?? "",
    department: params.getAll("department"),
    language: params.getAll("language"),
    location: params.getAll("location"),
    skill: params.getAll("skill"),
    hasCapacity: params.get("room") === "1",
    offset: Math.max(0, Number(params.get("offset")) || 0),
  };
  const update = (change: (params: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
  };
  return [filters, update];
}

/** Full-text search over the programme's mentors with facet filters, cards and paging. */
export function MentorSearchPanel({
  orgId,
  programmeId,
  canRequest,
  onRequest,
}: {
  orgId: string;
  programmeId: string;
  canRequest: boolean;
  onRequest: (mentor: MentorCard) => void;
}) {
  const [filters, update] = useSearchFilters();
  const [draft, setDraft] = useState(filters.q);
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => setDraft(filters.q), [filters.q]);
  useEffect(() => () => clearTimeout(typing.current), []);
  const search = useMentorSearch(orgId, programmeId, filters);
  const data = search.data;
  const filtered = FACETS.some((facet) => filters[facet].length > 0) || filters.hasCapacity;
  const setQuery = (value: string) =>
    update((params) => {
      if (value.trim()) params.set("q", value.trim());
      else params.delete("q");
      params.delete("offset");
    });
  const toggle = (facet: FacetName, value: string, checked: boolean) =>
    update((params) => {
      const values = params.getAll(facet).filter((item) => item !== value);
      params.delete(facet);
      for (const item of checked ? [...values, value] : values) params.append(facet, item);
      params.delete("offset");
    });
  const total = data?.total ?? 0;
  const page = Math.floor(filters.offset / PAGE_SIZE);
  const lastPage = Math.max(0, Math.ceil(total / PAGE_SIZE) - 1);

  return (
    <div className="mentor-search">
      <search className="mentor-search__box" aria-label="Mentor search">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            clearTimeout(typing.current);
            setQuery(draft);
          }}
        >
          <Field
            label="Search mentors"
            name="q"
            type="search"
            id="mentor-search-q"
            hint={
              'Skills, roles, topics or words from their profile. Use "quotes" for a phrase, -word to leave out.'
            }
            value={draft}
            maxLength={200}
            onChange={(event) => {
              const value = event.target.value;
              setDraft(value);
              clearTimeout(typing.current);
              typing.current = setTimeout(() => setQuery(value), 350);
            }}
          />
        </form>
      </search>
      <div className="mentor-search__layout">
        <FacetFilters
          facets={data?.facets}
          hasCapacity={filters.hasCapacity}
          filtered={filtered}
          onToggle={toggle}
          onCapacity={(checked) =>
            update((params) => {
              if (checked) params.set("room", "1");
              else params.delete("room");
              params.delete("offset");
            })
          }
          onClear={() =>
            update((params) => {
              for (const facet of FACETS) params.delete(facet);
              params.delete("room");
              params.delete("offset");
            })
          }
        />
        <div className="mentor-search__results">
          <p className="result-count" aria-live="polite">
            {data ? `${total.toLocaleString()} ${total === 1 ? "mentor" : "mentors"} found` : ""}
          </p>
          {search.isPending ? <Loading label="Searching…" /> : null}
          {search.isError ? <Alert tone="error">{describeError(search.error)}</Alert> : null}
          {data && data.mentors.length === 0 ? (
            <EmptyState title="No mentor matches">
              <p>
                {filters.q || filtered
                  ? "Try fewer words, or clear some filters."
                  : "This programme has no active mentors yet."}
              </p>
            </EmptyState>
          ) : null}
          {data && data.mentors.length > 0 ? (
            <ul className="mentor-list">
              {data.mentors.map((mentor) => (
                <li key={mentor.userId}>
                  <MentorCardView
                    orgId={orgId}
                    programmeId={programmeId}
                    mentor={mentor}
                    canRequest={canRequest}
                    explainable
                    onRequest={onRequest}
                  />
                </li>
              ))}
            </ul>
          ) : null}
          {total > PAGE_SIZE ? (
            <nav className="pager" aria-label="Result pages">
              <Button
                variant="secondary"
                size="small"
                disabled={page === 0}
                onClick={() => update((params) => params.set("offset", String((page - 1) * PAGE_SIZE)))}
              >
                Previous
              </Button>
              <span>
                Page {page + 1} of {lastPage + 1}
              </span>
              <Button
                variant="secondary"
                size="small"
                disabled={page >= lastPage}
                onClick={() => update((params) => params.set("offset", String((page + 1) * PAGE_SIZE)))}
              >
                Next
              </Button>
            </nav>
          ) : null}
        </div>
      </div>
    </div>
  );
}
