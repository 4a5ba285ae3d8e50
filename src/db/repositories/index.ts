import type { Database } from "../connection.ts";
import { auditRepository } from "./audit.repository.ts";
import { calendarRepository } from "./calendar.repository.ts";
import { bulkEnrolmentRepository } from "./bulk-enrolment.repository.ts";
import { csvImportsRepository } from "./csv-imports.repository.ts";
import { emailTemplatesRepository } from "./email-templates.repository.ts";
import { emailsRepository } from "./emails.repository.ts";
import { matchRunPairsRepository } from "./match-run-pairs.repository.ts";
import { matchRunsRepository } from "./match-runs.repository.ts";
import { livePairsRepository } from "./live-pairs.repository.ts";
import { mentorSearchRepository } from "./mentor-search.repository.ts";
import { profilesRepository } from "./profiles.repository.ts";
import { requestsRepository } from "./requests.repository.ts";
import { enrolmentsRepository } from "./enrolments.repository.ts";
import { eventsRepository } from "./events.repository.ts";
import { homeRepository } from "./home.repository.ts";
import { identityRepository } from "./identity.repository.ts";
import { orgExportsRepository, personalDataRepository } from "./personal-data.repository.ts";
import { notificationsRepository } from "./notifications.repository.ts";
import { organisationsRepository } from "./organisations.repository.ts";
import { participantsRepository } from "./participants.repository.ts";
import { programmesRepository } from "./programmes.repository.ts";
import { realtimeRepository } from "./realtime.repository.ts";
import { relationshipHistoryRepository } from "./relationship-history.repository.ts";
import { relationshipsRepository } from "./relationships.repository.ts";
import { settingsRepository } from "./settings.repository.ts";
import { schedulingRepository } from "./scheduling.repository.ts";
import { sessionContentRepository } from "./session-content.repository.ts";
import { sessionRemindersRepository } from "./session-reminders.repository.ts";
import { sessionsRepository } from "./sessions.repository.ts";
import { usersRepository } from "./users.repository.ts";

/** All repositories bound to one executor: the database, or a transaction. */
export function repositories(db: Database) {
  return {
    users: usersRepository(db),
    organisations: organisationsRepository(db),
    emails: emailsRepository(db),
    emailTemplates: emailTemplatesRepository(db),
    settings: settingsRepository(db),
    programmes: programmesRepository(db),
    enrolments: enrolmentsRepository(db),
    participants: participantsRepository(db),
    relationships: relationshipsRepository(db),
    relationshipHistory: relationshipHistoryRepository(db),
    notifications: notificationsRepository(db),
    events: eventsRepository(db),
    profiles: profilesRepository(db),
    csvImports: csvImportsRepository(db),
    bulkEnrolment: bulkEnrolmentRepository(db),
    requests: requestsRepository(db),
    livePairs: livePairsRepository(db),
    mentorSearch: mentorSearchRepository(db),
    matchRuns: matchRunsRepository(db),
    matchRunPairs: matchRunPairsRepository(db),
    realtime: realtimeRepository(db),
    home: homeRepository(db),
    sessions: sessionsRepository(db),
    sessionContent: sessionContentRepository(db),
    sessionReminders: sessionRemindersRepository(db),
    scheduling: schedulingRepository(db),
    identity: identityRepository(db),
    audit: auditRepository(db),
    personalData: personalDataRepository(db),
    orgExports: orgExportsRepository(db),
    calendar: calendarRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export type { EmailTokenPurpose } from "./users.repository.ts";
export type { StoredEmail } from "./emails.repository.ts";
export type { NewNotification, NotificationRecord } from "./notifications.repository.ts";
export type { ParticipantRow } from "./participants.repository.ts";
export type { NewRelationship, RelationshipRecord } from "./relationships.repository.ts";
