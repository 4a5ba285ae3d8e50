import type {
  CsvImport,
  CsvImportSummary,
  Enrolment,
  Participant,
  ParticipantCounts,
  ProgrammeForRegistration,
  RowProblemView,
} from "../../contracts/enrolment.ts";
import { targetLabel } from "../../core/enrolment/csv-import.ts";
import { offeredRoles } from "../../core/enrolment/enrolment-rules.ts";
import { acceptsRegistrations } from "../../core/programmes/programme-status.ts";
import type { FormQuestion } from "../../core/programmes/registration-form.ts";
import type {
  EnrolmentRecord,
  EnrolmentRole,
  EnrolmentStatus,
  ProgrammeRecord,
} from "../../core/programmes/types.ts";
import type { CsvImportRecord, ImportProblem } from "../../db/repositories/csv-imports.repository.ts";
import type { ParticipantRecord } from "../../db/repositories/enrolments.repository.ts";
import { answersComplete, answersToList } from "./answers.ts";
import { registrationForm } from "./enrolment.policy.ts";

/** How many row errors an import's page receives (the count says how many there are in all). */
const ERRORS_SHOWN = 1000;

export function presentProgrammeForRegistration(programme: ProgrammeRecord): ProgrammeForRegistration {
  return {
    id: programme.id,
    name: programme.name,
    description: programme.description,
    status: programme.status,
    evergreen: programme.evergreen,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    registrationOpen: acceptsRegistrations(programme),
    rolesOffered: offeredRoles(programme.rolesOffered),
    defaultMentorCapacity: programme.defaultMentorCapacity,
    requiresApproval: programme.requiresApproval,
    registrationForm: registrationForm(programme).map((question) => ({
      id: question.id,
      kind: question.kind,
      label: question.label,
      ...(question.help ? { help: question.help } : {}),
      required: question.required,
      usedInMatching: question.usedInMatching,
      ...(question.options ? { options: question.options } : {}),
      ...(question.min !== undefined ? { min: question.min } : {}),
      ...(question.max !== undefined ? { max: question.max } : {}),
      ...(question.audience ? { audience: question.audience } : {}),
    })),
  };
}

export function presentEnrolment(enrolment: EnrolmentRecord, form: readonly FormQuestion[]): Enrolment {
  return {
    id: enrolment.id,
    programmeId: enrolment.programmeId,
    userId: enrolment.userId,
    role: enrolment.role,
    status: enrolment.status,
    mentorCapacity: enrolment.mentorCapacity,
    answers: answersToList(enrolment.answers, form),
    answersComplete: answersComplete(form, enrolment.answers, enrolment.role),
    source: enrolment.source,
    pausedUntil: enrolment.pausedUntil,
    createdAt: enrolment.createdAt.toISOString(),
    updatedAt: enrolment.updatedAt.toISOString(),
  };
}

/** What admins see of a participant: their place and their registration answers (to approve them). */
export function presentParticipant(
  participant: ParticipantRecord,
  form: readonly FormQuestion[],
): Participant {
  return {
    enrolmentId: participant.id,
    userId: participant.userId,
    name: participant.name,
    email: participant.email,
    role: participant.role,
    status: participant.status,
    mentorCapacity: participant.mentorCapacity,
    source: participant.source,
    pausedUntil: participant.pausedUntil,
    answers: answersToList(participant.answers, form),
    answersComplete: answersComplete(form, participant.answers, participant.role),
    registeredAt: participant.createdAt.toISOString(),
  };
}

export function presentCounts(
  rows: readonly { role: EnrolmentRole; status: EnrolmentStatus; count: number }[],
): ParticipantCounts {
  const counts: ParticipantCounts = {
    all: 0,
    byRole: { mentee: 0, mentor: 0, both: 0 },
    byStatus: { pending_approval: 0, active: 0, paused: 0, left: 0, declined: 0 },
  };
  for (const row of rows) {
    counts.all += row.count;
    counts.byRole[row.role] += row.count;
    counts.byStatus[row.status] += row.count;
  }
  return counts;
}

export function presentProblem(problem: ImportProblem, form: readonly FormQuestion[]): RowProblemView {
  const label =
    problem.field === "file" ? "File" : targetLabel(problem.field as Parameters<typeof targetLabel>[0], form);
  return { line: problem.line, field: problem.field, label, message: problem.message };
}

export function presentImportSummary(record: CsvImportRecord & { errorCount?: number }): CsvImportSummary {
  return {
    id: record.id,
    status: record.status,
    totalRows: record.totalRows,
    processedRows: record.processedRows,
    createdCount: record.createdCount,
    updatedCount: record.updatedCount,
    errorCount: record.errorCount ?? record.errors.length,
    startedByName: record.startedByName,
    createdAt: record.createdAt.toISOString(),
    finishedAt: record.finishedAt?.toISOString() ?? null,
  };
}

export function presentImport(record: CsvImportRecord, form: readonly FormQuestion[]): CsvImport {
  const errors = [...record.errors].sort((a, b) => a.line - b.line).slice(0, ERRORS_SHOWN);
  return {
    ...presentImportSummary(record),
    errors: errors.map((problem) => presentProblem(problem, form)),
  };
}
