import { describe, expect, it } from "vitest";
import { programmeStateLabel } from "./programme-labels.ts";

describe("a programme's state as people read it", () => {
  it("a published cohort before its start date is matched, starting on its day", () => {
    expect(
      programmeStateLabel({ status: "running", startsOn: "2027-02-01", evergreen: false }, "2027-01-18"),
    ).toBe("Matched · starts 1 Feb 2027");
  });

  it("on and after its start it is running; other states keep their names", () => {
    expect(
      programmeStateLabel({ status: "running", startsOn: "2027-02-01", evergreen: false }, "2027-02-01"),
    ).toBe("Running");
    expect(
      programmeStateLabel({ status: "matching", startsOn: "2027-02-01", evergreen: false }, "2027-01-18"),
    ).toBe("Matching");
    expect(programmeStateLabel({ status: "running", startsOn: null, evergreen: true }, "2027-01-18")).toBe(
      "Running",
    );
  });
});
