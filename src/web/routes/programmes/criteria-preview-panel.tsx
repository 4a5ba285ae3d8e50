import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { CriteriaPreview, CriterionView } from "../../../contracts/programmes.ts";
import { describeError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { numberFormat } from "./programme-labels.ts";
import { programmeKeys } from "./programme-queries.ts";

/**
 * The live preview of criteria being edited: asked for a moment after the last change (so a
 * dragged slider sends one request, not twenty), keeping the last answer on screen meanwhile.
 */
export function useCriteriaPreview(
  orgId: string,
  programmeId: string,
  criteria: readonly CriterionView[],
  enabled: boolean,
) {
  const text = JSON.stringify(criteria);
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 400);
    return () => clearTimeout(timer);
  }, [text]);
  return useQuery({
    queryKey: [...programmeKeys.one(orgId, programmeId), "criteria-preview", settled],
    queryFn: () =>
      api.call("previewCriteria", {
        params: { orgId, programmeId },
        body: { matchConfig: { criteria: JSON.parse(settled) } },
      }),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 15_000,
  });
}

const plural = (n: number, one: string, many: string) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

/** The counts beside the criteria: pairs in all, what exclusions and hard rules remove, what remains. */
export function CriteriaPreviewPanel({
  preview,
  updating,
  error,
  invalid,
}: {
  preview: CriteriaPreview | undefined;
  updating: boolean;
  error: unknown;
  invalid: boolean;
}) {
  return (
    <section className="criteria-preview" aria-labelledby="criteria-preview-title">
      <h3 id="criteria-preview-title">Preview with the people in the programme now</h3>
      <div className="criteria-preview__status" role="status" aria-live="polite" aria-atomic="true">
        {invalid ? (
          <p>Fix the highlighted criterion to update the preview.</p>
        ) : error ? (
          <p>{describeError(error)}</p>
        ) : preview ? (
          <>
            <p className="criteria-preview__headline">
              {preview.totalPairs === 0
                ? "No pairs yet: nobody is enrolled on both sides."
                : `${numberFormat.format(preview.remainingPairs)} of ${plural(preview.totalPairs, "pair", "pairs")} remain allowed.`}
              {preview.estimated ? " Estimated from a sample of mentees." : ""}
              {updating ? " Updating…" : ""}
            </p>
            <p className="muted">
              {plural(preview.mentees, "mentee", "mentees")} × {plural(preview.mentors, "mentor", "mentors")}
              {preview.menteesWithoutMentor > 0
                ? `; ${plural(preview.menteesWithoutMentor, "mentee has", "mentees have")} no allowed mentor.`
                : "."}
            </p>
          </>
        ) : (
          <p>Counting…</p>
        )}
      </div>
      {preview && preview.totalPairs > 0 ? (
        <dl className="criteria-preview__counts">
          {preview.exclusions
            .filter((exclusion) => exclusion.pairs > 0)
            .map((exclusion) => (
              <div key={exclusion.reason}>
                <dt>Excluded: {exclusion.reason}</dt>
                <dd>{plural(exclusion.pairs, "pair", "pairs")}</dd>
              </div>
            ))}
          {preview.rules.map((rule) => (
            <div key={rule.criterionIndex}>
              <dt>Hard rule: {rule.label}</dt>
              <dd>removes {plural(rule.removes, "pair", "pairs")}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </section>
  );
}
