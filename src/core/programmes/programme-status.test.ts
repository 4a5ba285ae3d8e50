import { describe, expect, it } from "vitest";
import {
  acceptsRegistrations,
  nextStatuses,
  PROGRAMME_TRANSITIONS,
  type ProgrammeState,
  refuseTransition,
} from "./programme-status.ts";
import { PROGRAMME_STATUSES, type ProgrammeStatus } from "./types.ts";

const cohort = (status: ProgrammeStatus): ProgrammeState => ({
  status,
  evergreen: false,
  startsOn: "2026-01-05",
  endsOn: "2026-03-30",
});
const evergreen = (status: ProgrammeStatus): ProgrammeState => ({
  status,
  evergreen: true,
  startsOn: null,
  endsOn: null,
});

describe("programme states", () => {
  it("moves forward through draft, registration, matching, running, completed, archived", () => {
    const path: ProgrammeStatus[] = [
      "draft",
      "registration_open",
      "matching",
      "running",
      "completed",
      "archived",
    ];
    for (let k = 0; k + 1 < path.length; k++)
      expect(refuseTransition(cohort(path[k]), path[k + 1])).toBeNull();
  });

  it("allows exactly the moves of the table, and refuses every other pair of states", () => {
    const allowed: string[] = [];
    for (const from of PROGRAMME_STATUSES)
      for (const to of PROGRAMME_STATUSES)
        if (refuseTransition(cohort(from), to) === null) allowed.push(`${from} → ${to}`);
    expect(allowed).toEqual([
      "draft → registration_open",
      "draft → archived",
      "registration_open → matching",
      "registration_open → running",
      "registration_open → archived",
      "matching → registration_open",
      "matching → running",
      "running → completed",
      "completed → archived",
    ]);
    expect(nextStatuses(cohort("matching"))).toEqual(PROGRAMME_TRANSITIONS.matching);
  });

  it("names the current state and the way forward when it refuses", () => {
    expect(refuseTransition(cohort("draft"), "running")).toBe(
      "A programme in draft cannot move to running. From draft it can move to registration open or archived.",
    );
    expect(refuseTransition(cohort("running"), "archived")).toBe(
      "A programme in running cannot move to archived. From running it can move to completed. Complete it first.",
    );
    expect(refuseTransition(cohort("archived"), "draft")).toMatch(
      /archived programme is final: duplicate it/,
    );
    expect(refuseTransition(cohort("matching"), "matching")).toBe("The programme is already matching.");
  });

  it("never goes back to draft or forward from archived", () => {
    for (const from of PROGRAMME_STATUSES) expect(refuseTransition(cohort(from), "draft")).not.toBeNull();
    expect(nextStatuses(cohort("archived"))).toEqual([]);
  });

  it("opens a cohort's registration only once it has dates; an evergreen programme needs none", () => {
    expect(
      refuseTransition({ ...cohort("draft"), startsOn: null, endsOn: null }, "registration_open"),
    ).toMatch(/needs its start and end dates/);
    expect(refuseTransition(evergreen("draft"), "registration_open")).toBeNull();
  });

  it("keeps an evergreen programme's registration open while it matches and runs; a cohort's closes", () => {
    const open = (state: ProgrammeState) => acceptsRegistrations(state);
    expect(PROGRAMME_STATUSES.filter((status) => open(evergreen(status)))).toEqual([
      "registration_open",
      "matching",
      "running",
    ]);
    expect(PROGRAMME_STATUSES.filter((status) => open(cohort(status)))).toEqual(["registration_open"]);
  });

  it("lets evergreen programmes take the same moves as cohorts", () => {
    for (const from of PROGRAMME_STATUSES)
      for (const to of PROGRAMME_STATUSES)
        expect(refuseTransition(evergreen(from), to) === null, `${from} → ${to}`).toBe(
          refuseTransition(cohort(from), to) === null,
        );
  });
});
