import { describe, expect, it } from "vitest";
import { checkAnswers, checkForm, type FormQuestion } from "./registration-form.ts";

const form: FormQuestion[] = [
  {
    id: "track",
    kind: "single_choice",
    label: "Track",
    required: true,
    usedInMatching: true,
    options: ["fe", "be"],
  },
  {
    id: "tools",
    kind: "multiple_choice",
    label: "Tools",
    required: false,
    usedInMatching: false,
    options: ["a", "b"],
  },
  {
    id: "confidence",
    kind: "scale",
    label: "Confidence",
    required: true,
    usedInMatching: false,
    min: 1,
    max: 5,
  },
  { id: "why", kind: "text", label: "Why", required: false, usedInMatching: false, audience: "mentee" },
  { id: "offer", kind: "skills", label: "Offer", required: true, usedInMatching: true, audience: "mentor" },
];

describe("registration answers", () => {
  it("accepts a complete valid answer for a mentee (mentor-only questions do not apply)", () => {
    expect(checkAnswers(form, { track: "fe", tools: ["b"], confidence: 3, why: "grow" }, "mentee")).toEqual(
      [],
    );
  });

  it("names each missing required question and each wrong answer", () => {
    expect(checkAnswers(form, { tools: ["c"], confidence: 9 }, "mentor")).toEqual([
      { questionId: "track", message: "is required" },
      { questionId: "tools", message: '"c" is not one of the choices' },
      { questionId: "confidence", message: "must be between 1 and 5" },
      { questionId: "offer", message: "is required" },
    ]);
  });

  it("refuses answers to questions the form does not have, and bad skill levels", () => {
    expect(
      checkAnswers(form, { track: "be", confidence: 1, offer: [{ skill: "Go", level: 6 }], x: 1 }, "both"),
    ).toEqual([
      { questionId: "x", message: "is not a question of this form" },
      { questionId: "offer", message: 'the level of "Go" must be a whole number from 1 to 5' },
    ]);
  });
});

describe("form definitions", () => {
  it("finds duplicate ids, missing choices and reversed scales", () => {
    expect(
      checkForm([
        {
          id: "q",
          kind: "single_choice",
          label: "Q",
          required: false,
          usedInMatching: false,
          options: ["x"],
        },
        { id: "q", kind: "scale", label: "S", required: false, usedInMatching: false, min: 5, max: 1 },
      ]),
    ).toEqual([
      { questionId: "q", message: "needs at least two choices" },
      { questionId: "q", message: "id is used twice" },
      { questionId: "q", message: "scale minimum must be below its maximum" },
    ]);
  });
});
