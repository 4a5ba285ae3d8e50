import type { UserId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { verifyPassword } from "../security/passwords.ts";
import { recordAudit } from "./audit.ts";

export const PERSONAL_DATA_FORMAT = "trellis-personal-data/1";

/**
 * Which user-id columns make a row "about me": rows I am the person of (user_id) or one of the
 * two people of (a request's or a pair's mentee_id / mentor_id). Rows I only created, changed or
 * acted on for others (created_by, invited_by, actor_id, manager_id ...) are the organisation's
 * or someone else's, and are not in my export.
 */
const MY_COLUMNS = new Set(["user_id", "mentee_id", "mentor_id"]);

export interface PersonalData {
  format: typeof PERSONAL_DATA_FORMAT;
  exportedAt: string;
  account: Record<string, unknown>;
  memberships: { orgId: string; orgName: string; role: string }[];
  twoFactor: { enabled: boolean; enabledAt: string | null; recoveryCodesLeft: number };
  /** "table.column" → the rows of that table about me (secrets such as hashes left out). */
  records: Record<string, Record<string, unknown>[]>;
  emailsSentToMe: Record<string, unknown>[];
  auditLog: Record<string, unknown>[];
}

/** Everything Trellis holds about a person, found through every foreign key to users. */
export async function exportPersonalData(deps: ServerDeps, userId: UserId): Promise<PersonalData> {
  const { repos } = deps;
  const user = await repos.users.findById(userId);
  if (!user) throw new AppError("not_signed_in", "Your account no longer exists.");
  const records: Record<string, Record<string, unknown>[]> = {};
  for (const reference of await repos.personalData.userReferences()) {
    if (!MY_COLUMNS.has(reference.column)) continue;
    const rows = await repos.personalData.rowsReferencing(reference, userId);
    if (rows.length > 0) records[`${reference.table}.${reference.column}`] = rows;
  }
  const credential = await repos.identity.findTwoFactor(userId);
  return {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: deps.now().toISOString(),
    account: {
      id: user.id,
      name: user.name,
      email: user.email,
      emailVerifiedAt: user.emailVerifiedAt?.toISOString() ?? null,
      createdAt: user.createdAt.toISOString(),
    },
    memberships: (await repos.organisations.membershipsOf(userId)).map((membership) => ({
      orgId: membership.orgId,
      orgName: membership.orgName,
      role: membership.role,
    })),
    twoFactor: {
      enabled: Boolean(credential?.enabledAt),
      enabledAt: credential?.enabledAt?.toISOString() ?? null,
      recoveryCodesLeft: credential?.enabledAt ? await repos.identity.countUnusedRecoveryCodes(userId) : 0,
    },
    records,
    emailsSentToMe: await repos.personalData.emailsTo(user.email),
    auditLog: (await repos.audit.forPerson(userId)).map((entry) => ({
      at: entry.createdAt.toISOString(),
      orgId: entry.orgId,
      action: entry.action,
      byMe: entry.actorId === userId,
      aboutMe: entry.subjectId === userId,
      details: entry.details,
    })),
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function valueHtml(value: unknown): string {
  if (value === null || value === undefined || value === "") return "<span class=none>—</span>";
  if (typeof value === "object") return `<pre>${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
  return escapeHtml(String(value));
}

function tableHtml(rows: Record<string, unknown>[]): string {
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const head = keys.map((key) => `<th scope="col">${escapeHtml(key)}</th>`).join("");
  const body = rows
    .map((row) => `<tr>${keys.map((key) => `<td>${valueHtml(row[key])}</td>`).join("")}</tr>`)
    .join("\n");
  return `<div class=scroll><table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

const SECTION_TITLES: Record<string, string> = {
  "profiles.user_id": "Your profiles",
  "memberships.user_id": "Your memberships",
  "enrolments.user_id": "Your programme places",
  "mentoring_requests.mentee_id": "Requests you sent",
  "mentoring_requests.mentor_id": "Requests sent to you",
  "relationships.mentee_id": "Your mentoring pairs (as mentee)",
  "relationships.mentor_id": "Your mentoring pairs (as mentor)",
  "notifications.user_id": "Your notifications",
  "sign_in_sessions.user_id": "Where you are signed in",
};

/** The same data as a page people can read (self-contained: no scripts, no outside requests). */
export function personalDataHtml(data: PersonalData): string {
  const sections = [
    `<h2>Your account</h2>${tableHtml([data.account])}`,
    `<h2>Organisations</h2>${data.memberships.length ? tableHtml(data.memberships) : "<p>None.</p>"}`,
    `<h2>Two-factor sign-in</h2>${tableHtml([data.twoFactor])}`,
    ...Object.entries(data.records).map(
      ([key, rows]) =>
        `<h2>${escapeHtml(SECTION_TITLES[key] ?? key.replace(/_/g, " "))}</h2><p class=source>${escapeHtml(key)}</p>${tableHtml(rows)}`,
    ),
    `<h2>Emails sent to you</h2>${data.emailsSentToMe.length ? tableHtml(data.emailsSentToMe) : "<p>None.</p>"}`,
    `<h2>Audit log entries about you</h2>${data.auditLog.length ? tableHtml(data.auditLog) : "<p>None.</p>"}`,
  ];
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Your data in Trellis</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1b1f24}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;font-size:13px}
th,td{border:1px solid #c8ccd1;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f1f3f5}
pre{margin:0;white-space:pre-wrap}.scroll{overflow-x:auto}.none,.source{color:#5c636a}
</style></head><body>
<h1>Your data in Trellis</h1>
<p>Everything Trellis holds about ${escapeHtml(String(data.account.name))}, exported ${escapeHtml(data.exportedAt)} (UTC). The same data is in the JSON download.</p>
${sections.join("\n")}
</body></html>
`;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Deletes a person's account: refused while they are an organisation's only owner. In one
 * transaction: the deletion is recorded in the audit log of each organisation they belonged to;
 * what is theirs alone goes (sign-ins, two-factor, notifications, profiles, invitations); their
 * registration answers are emptied and their memberships deactivated; the users row stays
 * (others' pairs, requests and messages point at it) as "Deleted person"; and every remaining
 * copy of their name and email address in any text column (event payloads, emails, messages
 * others wrote) is replaced. What others wrote stays, anonymised. The audit log holds ids only.
 */
export async function deleteAccount(deps: ServerDeps, userId: UserId, password: string): Promise<void> {
  const user = await deps.repos.users.findById(userId);
  const withHash = user ? await deps.repos.users.findByEmailWithHash(user.email) : null;
  if (!user || !withHash || !(await verifyPassword(withHash.passwordHash, password))) {
    throw new AppError("invalid_credentials", "That is not your password.", [
      { path: "body.password", message: "is not your password" },
    ]);
  }
  const now = deps.now();
  await inTransaction(deps.db, async (repos) => {
    const onlyOwnerOf = await repos.personalData.orgsWhereOnlyOwner(userId);
    if (onlyOwnerOf.length > 0) {
      throw new AppError(
        "last_owner",
        `You are the only owner of ${onlyOwnerOf.map((org) => org.orgName).join(", ")}. Make someone else an owner first.`,
      );
    }
    const orgIds = [...new Set((await repos.organisations.membershipsOf(userId)).map((m) => m.orgId))];
    await recordAudit(
      repos,
      now,
      orgIds.map((orgId) => ({
        orgId,
        actorId: userId,
        action: "account.deleted" as const,
        subjectId: userId,
        details: { deletedAt: now.toISOString() },
      })),
    );
    await repos.personalData.eraseOwnRows(userId, user.email);
    const columns = (await repos.personalData.textColumns()).filter(
      // The audit log is append-only and holds no names; users: the person's row is replaced
      // above, and another person of the same name keeps theirs.
      (column) =>
        !(column.schema === "public" && (column.table === "audit_log" || column.table === "users")) &&
        column.kind !== "tsvector",
    );
    const namePattern = `\\m${escapeRegex(user.name.trim())}\\M`;
    for (const column of columns) {
      await repos.personalData.replaceIn(column, escapeRegex(user.email), "deleted@deleted.invalid");
      if (user.name.trim().length >= 2)
        await repos.personalData.replaceIn(column, namePattern, "Deleted person");
    }
  });
}
