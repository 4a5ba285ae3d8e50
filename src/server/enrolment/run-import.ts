import type { OrgId, UserId } from "../../core/accounts/types.ts";
import type { RowProblem } from "../../core/enrolment/csv-import.ts";
import { acceptReportingLines, type ImportRow } from "../../core/enrolment/csv-import-rows.ts";
import type { ProgrammeRecord } from "../../core/programmes/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { enrolPeople, type PendingMail } from "./enrol-people.ts";
import { sendEnrolmentMail } from "./enrolment-mail.ts";

/** Rows written per transaction: a few multi-row statements each, and one progress update. */
export const IMPORT_CHUNK_ROWS = 1000;

export interface ImportJob {
  importId: string;
  orgId: OrgId;
  orgName: string;
  programme: ProgrammeRecord;
  rows: readonly ImportRow[];
}

/** Lets the event loop serve whatever is waiting (I/O, timers) before going on. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

const running = new WeakMap<ServerDeps, Set<Promise<void>>>();

/** Keeps track of an import running in this process, so shutting down can wait for it. */
export function trackImport(deps: ServerDeps, work: Promise<void>): void {
  let set = running.get(deps);
  if (!set) {
    set = new Set();
    running.set(deps, set);
  }
  const tracked = work.finally(() => set.delete(tracked));
  set.add(tracked);
}

/** Resolves when every import this process started has finished. */
export async function importsSettled(deps: ServerDeps): Promise<void> {
  const set = running.get(deps);
  while (set && set.size > 0) await Promise.allSettled([...set]);
}

/** Sets the managers named in the rows once everyone is in: one transaction, loops refused. */
async function setManagers(
  deps: ServerDeps,
  job: ImportJob,
  requests: readonly { userId: UserId; managerEmail: string; line: number }[],
): Promise<void> {
  await inTransaction(deps.db, async (repos) => {
    await repos.bulkEnrolment.lockReportingLines(job.orgId);
    const emails = [...new Set(requests.map((request) => request.managerEmail))];
    const managers = new Map<string, UserId>();
    for (let start = 0; start < emails.length; start += IMPORT_CHUNK_ROWS)
      for (const [email, id] of await repos.bulkEnrolment.activeMembersByEmail(
        job.orgId,
        emails.slice(start, start + IMPORT_CHUNK_ROWS),
      ))
        managers.set(email, id);
    const problems: RowProblem[] = [];
    const proposed: { userId: UserId; managerId: UserId; line: number }[] = [];
    for (const request of requests) {
      const managerId = managers.get(request.managerEmail);
      if (managerId) proposed.push({ userId: request.userId, managerId, line: request.line });
      else
        problems.push({
          line: request.line,
          field: "managerEmail",
          message: `${request.managerEmail} is not an active member of the organisation: no manager was set`,
        });
    }
    const { accepted, refused } = acceptReportingLines(
      await repos.bulkEnrolment.reportingLines(job.orgId),
      proposed,
    );
    for (const line of refused)
      problems.push({
        line: line.line,
        field: "managerEmail",
        message: "would make a loop of managers (someone would manage their own manager): no manager was set",
      });
    for (let start = 0; start < accepted.length; start += IMPORT_CHUNK_ROWS)
      await repos.bulkEnrolment.setManagers(
        job.orgId,
        accepted.slice(start, start + IMPORT_CHUNK_ROWS).map((line) => [line.userId, line.managerId]),
      );
    await repos.csvImports.recordProgress(job.importId, {
      processed: 0,
      created: 0,
      updated: 0,
      errors: problems,
    });
  });
}

/**
 * Imports the rows in chunks, one transaction each: the chunk's people and the import's progress
 * commit together, so any server instance reading the import sees true counts, and a failure
 * leaves every earlier chunk in place (importing the file again completes it without duplicates).
 * Managers are set last, when everyone named exists. The import is complete once its rows are
 * written; the emails to the people it added go out after that (sending one is a write of its
 * own, and with SMTP a delivery), so the people show up in the programme without waiting for them.
 */
export async function runImport(
  deps: ServerDeps,
  job: ImportJob,
  onError: (error: unknown) => void,
): Promise<void> {
  let line = job.rows[0]?.line ?? 0;
  const mail: PendingMail[] = [];
  try {
    const skillNames = await deps.repos.bulkEnrolment.skillNames(job.orgId);
    const managerRequests: { userId: UserId; managerEmail: string; line: number }[] = [];
    for (let start = 0; start < job.rows.length; start += IMPORT_CHUNK_ROWS) {
      // Embedded PostgreSQL (PGlite) runs in this thread and answers through promise callbacks
      // alone: without a turn of the event loop between chunks, requests (the progress bar's
      // polling) would wait for the whole import.
      await nextTurn();
      const chunk = job.rows.slice(start, start + IMPORT_CHUNK_ROWS);
      line = chunk[0].line;
      const batch = await inTransaction(deps.db, async (repos) => {
        const batch = await enrolPeople(
          repos,
          {
            orgId: job.orgId,
            programme: job.programme,
            source: "import",
            updateExisting: true,
            skillNames,
            secret: deps.secret,
            now: deps.now(),
          },
          chunk,
        );
        await repos.csvImports.recordProgress(job.importId, {
          processed: chunk.length,
          created: batch.created,
          updated: batch.updated,
          errors: batch.problems,
        });
        return batch;
      });
      await deps.events.afterCommit();
      const managerOf = new Map(chunk.map((row) => [row.line, row.managerEmail]));
      for (const outcome of batch.outcomes) {
        const managerEmail = managerOf.get(outcome.line);
        if (managerEmail && outcome.userId && outcome.outcome !== "refused")
          managerRequests.push({ userId: outcome.userId, managerEmail, line: outcome.line });
      }
      mail.push(...batch.mail);
    }
    if (managerRequests.length > 0) await setManagers(deps, job, managerRequests);
    await deps.repos.csvImports.finish(job.importId, "completed", deps.now());
  } catch (error) {
    onError(error);
    await deps.repos.csvImports
      .finish(job.importId, "failed", deps.now(), {
        line,
        field: "file",
        message: `The import stopped at the chunk starting on line ${line} because of an error on our side. Rows before it were imported; import the file again to finish (nothing is duplicated).`,
      })
      .catch(onError);
  }
  // The people written (all, or those of the chunks before a failure) are told.
  await sendEnrolmentMail(deps, job, mail).catch(onError);
}
