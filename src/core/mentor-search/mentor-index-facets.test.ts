import { describe, expect, it } from "vitest";
import { ids, mentor, search } from "./mentor-index.test-support.ts";

describe("facet counts under the other filters", () => {
  const rows = [
    mentor("a", {
      department: "Engineering",
      location: "London",
      languages: ["English", "French"],
      skills: ["TypeScript"],
    }),
    mentor("b", { department: "Engineering", location: "Paris", languages: ["French"], skills: ["Go"] }),
    mentor("c", { department: "Sales", location: "London", languages: ["English"], skills: ["TypeScript"] }),
    mentor("d", { department: "Design", location: "Berlin", languages: ["German"], skills: ["Figma"] }),
  ];

  it("choosing a department still lists every department, while the other facets and total keep to it", () => {
    const page = search(rows, { departments: ["Engineering"] });
    expect(page.total).toBe(2);
    expect(ids(page)).toEqual(["a", "b"]);
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Design", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "French", count: 2 },
      { value: "English", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "London", count: 1 },
      { value: "Paris", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([
      { value: "Go", count: 1 },
      { value: "TypeScript", count: 1 },
    ]);
  });

  it("each facet is counted under all the other filters at once", () => {
    const page = search(rows, { departments: ["Engineering"], locations: ["London"] });
    expect(ids(page)).toEqual(["a"]);
    expect(page.total).toBe(1);
    // Departments under location=London; locations under department=Engineering.
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "London", count: 1 },
      { value: "Paris", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "English", count: 1 },
      { value: "French", count: 1 },
    ]);
    expect(page.facets.skill).toEqual([{ value: "TypeScript", count: 1 }]);
  });

  it("several values of one facet match any of them; a language or skill filter matches any of a mentor's", () => {
    expect(ids(search(rows, { departments: ["Engineering", "Sales"] }))).toEqual(["a", "b", "c"]);
    expect(ids(search(rows, { languages: ["French"] }))).toEqual(["a", "b"]);
    expect(ids(search(rows, { languages: ["German", "English"] }))).toEqual(["a", "c", "d"]);
    expect(ids(search(rows, { skills: ["Go", "Figma"] }))).toEqual(["b", "d"]);
  });

  it("with no filter every facet counts every mentor", () => {
    const page = search(rows);
    expect(page.total).toBe(4);
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Design", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "English", count: 2 },
      { value: "French", count: 2 },
      { value: "German", count: 1 },
    ]);
  });

  it("a chosen value the index does not hold matches nobody (it is not ignored)", () => {
    const page = search(rows, { departments: ["Marketing"] });
    expect(page.total).toBe(0);
    expect(page.hits).toEqual([]);
    // The department facet is still counted without its own filter.
    expect(page.facets.department).toHaveLength(3);
    expect(page.facets.language).toEqual([]);
    expect(search(rows, { skills: ["Cobol"] }).total).toBe(0);
    expect(search(rows, { languages: ["Klingon"] }).total).toBe(0);
    expect(search(rows, { locations: ["Mars"] }).total).toBe(0);
  });

  it("blank departments and locations are not facet values but do not stop a mentor passing", () => {
    const page = search([
      mentor("a", { department: "", location: "", languages: ["English", "English", ""] }),
      mentor("b", { department: "Sales", location: "Leeds", languages: ["English"] }),
    ]);
    expect(page.total).toBe(2);
    expect(page.facets.department).toEqual([{ value: "Sales", count: 1 }]);
    expect(page.facets.location).toEqual([{ value: "Leeds", count: 1 }]);
    // A language listed twice counts once; a blank language is no value.
    expect(page.facets.language).toEqual([{ value: "English", count: 2 }]);
  });

  it("an empty index answers with nothing", () => {
    const page = search([], { departments: ["Sales"], skills: ["Go"] });
    expect(page).toEqual({
      hits: [],
      total: 0,
      facets: { department: [], language: [], location: [], skill: [] },
    });
  });
});

describe("sections shown to admins only", () => {
  const rows = [
    mentor("hidden-work", {
      department: "Engineering",
      location: "London",
      languages: ["English"],
      skills: ["Go"],
      hideWork: true,
    }),
    mentor("visible", {
      department: "Engineering",
      location: "Paris",
      languages: ["French"],
      skills: ["Go"],
    }),
    mentor("hidden-skills", {
      department: "Sales",
      location: "Paris",
      languages: ["French"],
      skills: ["Rust"],
      hideSkills: true,
    }),
  ];

  it("hidden work is not counted in the department, location or language facets for others", () => {
    const page = search(rows);
    // The mentor is still found; only the section is blank.
    expect(page.total).toBe(3);
    expect(ids(page)).toContain("hidden-work");
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 1 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([{ value: "Paris", count: 2 }]);
    expect(page.facets.language).toEqual([{ value: "French", count: 2 }]);
    // Hiding work does not hide skills.
    expect(page.facets.skill).toEqual([{ value: "Go", count: 2 }]);
  });

  it("hidden work never passes a department, location or language filter for others", () => {
    expect(ids(search(rows, { departments: ["Engineering"] }))).toEqual(["visible"]);
    expect(search(rows, { locations: ["London"] }).total).toBe(0);
    expect(search(rows, { languages: ["English"] }).total).toBe(0);
    // ... but passes a skill filter, since its skills are shown.
    expect(ids(search(rows, { skills: ["Go"] }))).toEqual(["hidden-work", "visible"]);
  });

  it("hidden work is counted and filtered on for an admin", () => {
    const page = search(rows, { viewerIsAdmin: true });
    expect(page.facets.department).toEqual([
      { value: "Engineering", count: 2 },
      { value: "Sales", count: 1 },
    ]);
    expect(page.facets.location).toEqual([
      { value: "Paris", count: 2 },
      { value: "London", count: 1 },
    ]);
    expect(page.facets.language).toEqual([
      { value: "French", count: 2 },
      { value: "English", count: 1 },
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, departments: ["Engineering"] }))).toEqual([
      "hidden-work",
      "visible",
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, locations: ["London"] }))).toEqual(["hidden-work"]);
    expect(ids(search(rows, { viewerIsAdmin: true, languages: ["English"] }))).toEqual(["hidden-work"]);
  });

  it("hidden skills are not counted nor filtered on for others, but are for an admin", () => {
    const page = search(rows);
    expect(page.facets.skill.map((facet) => facet.value)).not.toContain("Rust");
    expect(search(rows, { skills: ["Rust"] }).total).toBe(0);
    // Hiding skills does not hide work.
    expect(ids(search(rows, { departments: ["Sales"] }))).toEqual(["hidden-skills"]);

    const admin = search(rows, { viewerIsAdmin: true });
    expect(admin.facets.skill).toEqual([
      { value: "Go", count: 2 },
      { value: "Rust", count: 1 },
    ]);
    expect(ids(search(rows, { viewerIsAdmin: true, skills: ["Rust"] }))).toEqual(["hidden-skills"]);
  });

  it("a hidden section's mentor does not count in other facets under a filter on that section", () => {
    // Department filter: hidden-work fails it, so its (shown) skill is not counted either.
    const page = search(rows, { departments: ["Engineering"] });
    expect(page.facets.skill).toEqual([{ value: "Go", count: 1 }]);
  });
});

describe("skills ignore case and surrounding spaces", () => {
  const rows = [
    mentor("a", { skills: ["TypeScript"] }),
    mentor("b", { skills: [" typescript "] }),
    mentor("c", { skills: ["TypeScript", "Go"] }),
    mentor("d", { skills: ["TYPESCRIPT", "typescript", "  TypeScript"] }),
  ];

  it("are one facet value counting each mentor once, named as most mentors write it", () => {
    expect(search(rows).facets.skill).toEqual([
      { value: "TypeScript", count: 4 },
      { value: "Go", count: 1 },
    ]);
  });

  it("a skill filter in any case and spacing matches every spelling", () => {
    for (const chosen of ["typescript", "  TYPESCRIPT ", "TypeScript", "tYpEsCrIpT"]) {
      const page = search(rows, { skills: [chosen] });
      expect(ids(page)).toEqual(["a", "b", "c", "d"]);
      expect(page.total).toBe(4);
      // The chosen skill is listed first, under its usual name.
      expect(page.facets.skill[0]).toEqual({ value: "TypeScript", count: 4 });
    }
    expect(ids(search(rows, { skills: ["GO "] }))).toEqual(["c"]);
  });

  it("the name is the most common spelling, trimmed", () => {
    const page = search([
      mentor("a", { skills: ["postgres"] }),
      mentor("b", { skills: [" postgres"] }),
      mentor("c", { skills: ["Postgres"] }),
      mentor("d", { skills: [" Go  "] }),
    ]);
    expect(page.facets.skill).toEqual([
      { value: "postgres", count: 3 },
      { value: "Go", count: 1 },
    ]);
  });

  it("a blank skill is no value", () => {
    const page = search([mentor("a", { skills: ["  ", ""] }), mentor("b", { skills: ["Go"] })]);
    expect(page.facets.skill).toEqual([{ value: "Go", count: 1 }]);
  });
});
