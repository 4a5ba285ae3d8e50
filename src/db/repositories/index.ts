import type { Database } from "../connection.ts";
import { emailsRepository } from "./emails.repository.ts";
import { organisationsRepository } from "./organisations.repository.ts";
import { settingsRepository } from "./settings.repository.ts";
import { usersRepository } from "./users.repository.ts";

/** All repositories bound to one executor: the database, or a transaction. */
export function repositories(db: Database) {
  return {
    users: usersRepository(db),
    organisations: organisationsRepository(db),
    emails: emailsRepository(db),
    settings: settingsRepository(db),
  };
}

export type Repositories = ReturnType<typeof repositories>;
export type { EmailTokenPurpose } from "./users.repository.ts";
export type { StoredEmail } from "./emails.repository.ts";
