import {
  EMAIL_VERIFICATION_LIFETIME_DAYS,
  PASSWORD_RESET_LIFETIME_MINUTES,
} from "../../core/accounts/rules.ts";
import type { User } from "../../core/accounts/types.ts";
import type { ServerDeps } from "../deps.ts";
import { renderDefaultEmail } from "../email/render.ts";
import { hashToken, newToken } from "../security/tokens.ts";

/** Emails a single-use password reset link (with a token made beforehand, when given). */
export async function sendPasswordResetLink(
  deps: ServerDeps,
  user: User,
  made?: { token: string; tokenHash: string },
): Promise<void> {
  const token = made?.token ?? newToken();
  const now = deps.now();
  await deps.repos.users.createEmailToken({
    tokenHash: made?.tokenHash ?? hashToken(deps.secret, token),
    userId: user.id,
    purpose: "password_reset",
    expiresAt: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MINUTES * 60_000),
  });
  const url = `${deps.config.publicUrl}/reset-password?token=${token}`;
  await deps.mailer.send({
    to: user.email,
    orgId: null,
    email: renderDefaultEmail("password_reset", {
      name: user.name,
      url,
      expiresInMinutes: PASSWORD_RESET_LIFETIME_MINUTES,
    }),
  });
}

/** Emails a link that confirms the address belongs to the person. */
export async function sendVerificationLink(deps: ServerDeps, user: User): Promise<void> {
  const token = newToken();
  const now = deps.now();
  await deps.repos.users.createEmailToken({
    tokenHash: hashToken(deps.secret, token),
    userId: user.id,
    purpose: "verify_email",
    expiresAt: new Date(now.getTime() + EMAIL_VERIFICATION_LIFETIME_DAYS * 86_400_000),
  });
  const url = `${deps.config.publicUrl}/verify-email?token=${token}`;
  await deps.mailer.send({
    to: user.email,
    orgId: null,
    email: renderDefaultEmail("email_verification", {
      name: user.name,
      url,
      expiresInDays: EMAIL_VERIFICATION_LIFETIME_DAYS,
    }),
  });
}
