import { describe, expect, it } from "vitest";
import { buildMentorIndex, patchMentorIndex } from "./mentor-index.ts";
import { searchMentorIndex } from "./mentor-index-search.ts";
import { ids, mentor, query } from "./mentor-index.test-support.ts";

describe("patching the index", () => {
  const before = [
    mentor("a", { department: "Sales", skills: ["Go"], remaining: 1 }),
    mentor("b", { department: "Legal", skills: ["Go"], remaining: 2 }),
    mentor("c", { department: "Sales", skills: ["Rust"], remaining: 3 }),
  ];

  it("replaces the changed people's rows, drops those no longer mentors and adds new ones", () => {
    const patched = patchMentorIndex(buildMentorIndex(before), new Set(["a", "b", "d"]), [
      mentor("a", { department: "Legal", skills: ["Rust"], remaining: 5 }),
      mentor("d", { remaining: 0 }),
    ]);
    const page = searchMentorIndex(patched, query());
    expect(ids(page)).toEqual(["a", "c", "d"]);
    expect(page.facets.department).toEqual([
      { value: "Legal", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([{ value: "Rust", count: 2 }]);
  });

  it("gives the same answers as building from the patched rows", () => {
    const changed = new Set(["b"]);
    const fresh = [mentor("b", { department: "Sales", languages: ["Welsh"], remaining: 9 })];
    const patched = patchMentorIndex(buildMentorIndex(before), changed, fresh);
    const built = buildMentorIndex([before[0], before[2], ...fresh]);
    for (const fields of [{}, { departments: ["Sales"] }, { languages: ["Welsh"] }, { hasCapacity: true }])
      expect(searchMentorIndex(patched, query(fields))).toEqual(searchMentorIndex(built, query(fields)));
  });

  it("is the same index when none of the changed people is or becomes a mentor here", () => {
    const index = buildMentorIndex(before);
    expect(patchMentorIndex(index, new Set(["someone-else"]), [])).toBe(index);
  });
});
