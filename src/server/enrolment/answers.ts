import type { Answer } from "../../contracts/enrolment.ts";
import { checkAnswers, type FormQuestion } from "../../core/programmes/registration-form.ts";
import type { EnrolmentRole } from "../../core/programmes/types.ts";
import { AppError } from "../http/app-error.ts";

/** Answers as stored (question id -> value) from the list the API takes; a question twice is refused. */
export function answersFromList(list: readonly Answer[] | undefined): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  const twice: string[] = [];
  for (const { questionId, value } of list ?? []) {
    if (questionId in answers) twice.push(questionId);
    answers[questionId] = value;
  }
  if (twice.length > 0)
    throw new AppError(
      "validation_failed",
      "Each question may be answered once.",
      twice.map((questionId) => ({ path: `body.answers.${questionId}`, message: "is answered twice" })),
    );
  return answers;
}

/** Stored answers as the list the API returns, in the form's order (answers to removed questions last). */
export function answersToList(
  answers: Readonly<Record<string, unknown>>,
  form: readonly FormQuestion[],
): { questionId: string; value: unknown }[] {
  const order = new Map(form.map((question, index) => [question.id, index]));
  return Object.entries(answers)
    .sort(([a], [b]) => (order.get(a) ?? form.length) - (order.get(b) ?? form.length))
    .map(([questionId, value]) => ({ questionId, value }));
}

/** Refuses answers that do not fit the form for this role: a 400 naming body.answers.<questionId>. */
export function requireValidAnswers(
  form: readonly FormQuestion[],
  answers: Readonly<Record<string, unknown>>,
  role: EnrolmentRole,
): void {
  const problems = checkAnswers(form, answers, role);
  if (problems.length > 0)
    throw new AppError(
      "validation_failed",
      `Please check your answers: ${problems.map((problem) => `${problem.questionId} ${problem.message}`).join("; ")}.`,
      problems.map((problem) => ({ path: `body.answers.${problem.questionId}`, message: problem.message })),
    );
}

/** Whether every required question that applies to the role is answered. */
export function answersComplete(
  form: readonly FormQuestion[],
  answers: Readonly<Record<string, unknown>>,
  role: EnrolmentRole,
): boolean {
  return checkAnswers(form, answers, role).every((problem) => problem.message !== "is required");
}
