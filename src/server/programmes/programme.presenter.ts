import type { Programme, ProgrammeSummary, ProgrammeTemplate } from "../../contracts/programmes.ts";
import { acceptsRegistrations, nextStatuses } from "../../core/programmes/programme-status.ts";
import { frozenFields } from "../../core/programmes/programme-settings.ts";
import type { FormQuestion } from "../../core/programmes/registration-form.ts";
import type { ProgrammeTemplate as CoreTemplate } from "../../core/programmes/templates.ts";
import type { EnrolmentRole, EnrolmentStatus, ProgrammeRecord } from "../../core/programmes/types.ts";
import type { ProgrammeCountsRow } from "../../db/repositories/programmes.repository.ts";

/** What the caller sees beside the programme itself: counts (admins only) and their own enrolment. */
export interface ProgrammeViewer {
  /** Admins see counts, the next states and the frozen settings. */
  isAdmin: boolean;
  counts: ProgrammeCountsRow | null;
  myEnrolment: { role: EnrolmentRole; status: EnrolmentStatus } | null;
}

export function presentProgrammeSummary(
  programme: ProgrammeRecord,
  viewer: ProgrammeViewer,
): ProgrammeSummary {
  return {
    id: programme.id,
    name: programme.name,
    description: programme.description,
    type: programme.type,
    status: programme.status,
    evergreen: programme.evergreen,
    startsOn: programme.startsOn,
    endsOn: programme.endsOn,
    matchingMode: programme.matchingMode,
    registrationOpen: acceptsRegistrations(programme),
    counts: viewer.isAdmin ? viewer.counts : null,
    myEnrolment: viewer.myEnrolment,
  };
}

export function presentProgramme(programme: ProgrammeRecord, viewer: ProgrammeViewer): Programme {
  return {
    ...presentProgrammeSummary(programme, viewer),
    template: programme.template,
    rolesOffered: programme.rolesOffered as Programme["rolesOffered"],
    defaultMentorCapacity: programme.defaultMentorCapacity,
    registrationForm: programme.registrationForm as FormQuestion[],
    matchConfig: programme.matchConfig as Programme["matchConfig"],
    requestExpiryDays: programme.requestExpiryDays,
    requestReminderDays: programme.requestReminderDays,
    pendingRequestCap: programme.pendingRequestCap,
    requiresApproval: programme.requiresApproval,
    // What an admin may do next: members get neither list.
    nextStatuses: viewer.isAdmin ? [...nextStatuses(programme)] : [],
    frozenFields: viewer.isAdmin
      ? [...frozenFields(programme).entries()].map(([field, reason]) => ({ field, reason }))
      : [],
    createdAt: programme.createdAt.toISOString(),
    updatedAt: programme.updatedAt.toISOString(),
  };
}

export function presentTemplate(template: CoreTemplate): ProgrammeTemplate {
  const settings = template.settings as unknown as ProgrammeTemplate["settings"];
  return { id: template.id, name: template.name, summary: template.summary, settings };
}
