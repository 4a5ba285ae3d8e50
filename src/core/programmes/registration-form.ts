/**
 * A programme's registration form: the questions people answer when they join, and the rules of
 * a valid answer. The programmes feature edits the form; enrolment validates answers with
 * `checkAnswers`; questions marked `usedInMatching` reach the matcher as `answers[question.id]`.
 */

export const QUESTION_KINDS = ["single_choice", "multiple_choice", "scale", "text", "skills"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export interface FormQuestion {
  /** Stable id (letters, digits, "-" and "_"), used as the answer key and in match criteria. */
  id: string;
  kind: QuestionKind;
  label: string;
  help?: string;
  required: boolean;
  usedInMatching: boolean;
  /** Choices of single_choice and multiple_choice questions. */
  options?: string[];
  /** Bounds of a scale question (default 1..5). */
  min?: number;
  max?: number;
  /** Which side answers it (default both). */
  audience?: "mentee" | "mentor" | "both";
}

/** One problem with an answer: the question id and what is wrong, in plain words. */
export interface AnswerProblem {
  questionId: string;
  message: string;
}

/** An answer to a skills question: skill names with levels 1..5. */
export type SkillsAnswer = { skill: string; level: number }[];

const MAX_TEXT = 2000;

function checkOne(question: FormQuestion, answer: unknown): string | null {
  switch (question.kind) {
    case "single_choice":
      if (typeof answer !== "string") return "must be one of the choices";
      return question.options?.includes(answer) ? null : `must be one of: ${question.options?.join(", ")}`;
    case "multiple_choice": {
      if (!Array.isArray(answer) || answer.some((item) => typeof item !== "string"))
        return "must be a list of choices";
      const unknown = answer.find((item) => !question.options?.includes(item as string));
      if (unknown !== undefined) return `"${unknown}" is not one of the choices`;
      if (new Set(answer).size !== answer.length) return "lists a choice twice";
      return null;
    }
    case "scale": {
      const min = question.min ?? 1;
      const max = question.max ?? 5;
      if (typeof answer !== "number" || !Number.isInteger(answer)) return "must be a whole number";
      return answer < min || answer > max ? `must be between ${min} and ${max}` : null;
    }
    case "text":
      if (typeof answer !== "string") return "must be text";
      return answer.length > MAX_TEXT ? `must be at most ${MAX_TEXT} characters` : null;
    case "skills": {
      if (!Array.isArray(answer)) return "must be a list of skills with levels";
      for (const item of answer) {
        const entry = item as { skill?: unknown; level?: unknown };
        if (typeof entry?.skill !== "string" || entry.skill.trim() === "") return "each skill needs a name";
        if (
          typeof entry.level !== "number" ||
          !Number.isInteger(entry.level) ||
          entry.level < 1 ||
          entry.level > 5
        )
          return `the level of "${entry.skill}" must be a whole number from 1 to 5`;
      }
      return null;
    }
  }
}

const isEmpty = (answer: unknown) =>
  answer === undefined ||
  answer === null ||
  (typeof answer === "string" && answer.trim() === "") ||
  (Array.isArray(answer) && answer.length === 0);

/**
 * Checks answers against the form for a person registering with `role`. Returns the problems
 * (empty when valid). Answers to unknown questions are problems too, so nothing is stored silently.
 *
 * Example: checkAnswers([{ id: "track", kind: "single_choice", label: "Track", required: true,
 *   usedInMatching: true, options: ["frontend", "backend"] }], {}, "mentee")
 *   → [{ questionId: "track", message: "is required" }]
 */
export function checkAnswers(
  form: readonly FormQuestion[],
  answers: Readonly<Record<string, unknown>>,
  role: "mentee" | "mentor" | "both",
): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const applies = (question: FormQuestion) =>
    role === "both" || (question.audience ?? "both") === "both" || question.audience === role;
  const known = new Set(form.map((question) => question.id));
  for (const id of Object.keys(answers)) {
    if (!known.has(id)) problems.push({ questionId: id, message: "is not a question of this form" });
  }
  for (const question of form) {
    if (!applies(question)) continue;
    const answer = answers[question.id];
    if (isEmpty(answer)) {
      if (question.required) problems.push({ questionId: question.id, message: "is required" });
      continue;
    }
    const message = checkOne(question, answer);
    if (message) problems.push({ questionId: question.id, message });
  }
  return problems;
}

/**
 * Problems with a form definition itself (ids unique and well-formed, choices present and
 * distinct, scale bounds ordered). Empty when valid.
 */
export function checkForm(form: readonly FormQuestion[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  for (const question of form) {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(question.id))
      problems.push({ questionId: question.id, message: "id must be 1-40 letters, digits, - or _" });
    if (seen.has(question.id)) problems.push({ questionId: question.id, message: "id is used twice" });
    seen.add(question.id);
    if (question.kind === "single_choice" || question.kind === "multiple_choice") {
      const options = question.options ?? [];
      if (options.length < 2)
        problems.push({ questionId: question.id, message: "needs at least two choices" });
      if (new Set(options).size !== options.length)
        problems.push({ questionId: question.id, message: "has the same choice twice" });
    }
    if (question.kind === "scale" && (question.min ?? 1) >= (question.max ?? 5))
      problems.push({ questionId: question.id, message: "scale minimum must be below its maximum" });
  }
  return problems;
}
