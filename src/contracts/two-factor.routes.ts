import { z } from "zod";
import { MeSchema, TokenSchema } from "./accounts.ts";
import { IdSchema, NoContentSchema, OrgIdParamsSchema, TimestampSchema } from "./common.ts";
import { route } from "./route-contract.ts";

/**
 * The password was right and the account has two-factor on: no session yet. Send the code with
 * `pendingToken` to POST /api/auth/sign-in/two-factor before `expiresAt`.
 */
export const TwoFactorChallengeSchema = z.object({
  twoFactorRequired: z.literal(true),
  pendingToken: z.string().describe("Identifies this pending sign-in; grants nothing by itself"),
  expiresAt: TimestampSchema,
});
export type TwoFactorChallenge = z.infer<typeof TwoFactorChallengeSchema>;

/** What a password step answers: the person signed in, or the challenge for their second factor. */
export const SignInResultSchema = z.union([MeSchema, TwoFactorChallengeSchema]);
export type SignInResult = z.infer<typeof SignInResultSchema>;

export const isTwoFactorChallenge = (result: SignInResult): result is TwoFactorChallenge =>
  "twoFactorRequired" in result && result.twoFactorRequired === true;

/** A code from the authenticator app (6 digits) or a recovery code (xxxxx-xxxxx). */
export const TwoFactorCodeSchema = z
  .string()
  .trim()
  .min(6, { error: "must be the 6-digit code or a recovery code" })
  .max(20, { error: "must be the 6-digit code or a recovery code" });

export const TwoFactorSignInRequestSchema = z.strictObject({
  pendingToken: TokenSchema,
  code: TwoFactorCodeSchema,
});

export const TwoFactorStatusSchema = z.object({
  enabled: z.boolean(),
  enabledAt: TimestampSchema.nullable(),
  recoveryCodesLeft: z.number().int(),
  /** Organisations where I am an admin that require two-factor of admins, while mine is off. */
  requiredBy: z.array(z.object({ orgId: IdSchema, orgName: z.string() })),
});
export type TwoFactorStatus = z.infer<typeof TwoFactorStatusSchema>;

export const TwoFactorSetUpSchema = z.object({
  secret: z.string().describe("Base32 secret, for typing into an app by hand"),
  otpauthUri: z.string(),
  qrSvg: z.string().describe("The otpauth URI as a QR code (SVG markup)"),
});
export type TwoFactorSetUp = z.infer<typeof TwoFactorSetUpSchema>;

export const ConfirmTwoFactorRequestSchema = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, { error: "must be the 6-digit code from your app" }),
});

export const RecoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe("Shown once; each works once"),
});

export const PasswordConfirmationSchema = z.strictObject({
  password: z.string().min(1, { error: "is required" }).max(200),
});

export const OrgSecuritySchema = z.object({ requireTwoFactorForAdmins: z.boolean() });
export const UpdateOrgSecurityRequestSchema = z.strictObject({ requireTwoFactorForAdmins: z.boolean() });

/** Two-factor sign-in (TOTP) and an organisation's sign-in rules. */
export const twoFactorRoutes = {
  signInTwoFactor: route({
    method: "POST",
    path: "/api/auth/sign-in/two-factor",
    summary: "Finish a sign-in with the code from the authenticator app or a recovery code",
    tag: "accounts",
    access: "public",
    status: 200,
    body: TwoFactorSignInRequestSchema,
    response: MeSchema,
  }),
  twoFactorStatus: route({
    method: "GET",
    path: "/api/me/two-factor",
    summary: "Whether my two-factor sign-in is on, and which organisations require it of me",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    response: TwoFactorStatusSchema,
  }),
  startTwoFactorSetUp: route({
    method: "POST",
    path: "/api/me/two-factor/set-up",
    summary: "Start turning on two-factor: a new secret, its otpauth URI and QR code",
    tag: "accounts",
    access: "signed-in",
    status: 201,
    response: TwoFactorSetUpSchema,
  }),
  confirmTwoFactor: route({
    method: "POST",
    path: "/api/me/two-factor/confirm",
    summary: "Turn two-factor on with a first code; answers the recovery codes (shown once)",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    body: ConfirmTwoFactorRequestSchema,
    response: RecoveryCodesSchema,
  }),
  disableTwoFactor: route({
    method: "POST",
    path: "/api/me/two-factor/disable",
    summary: "Turn two-factor off (needs the password)",
    tag: "accounts",
    access: "signed-in",
    status: 204,
    body: PasswordConfirmationSchema,
    response: NoContentSchema,
  }),
  regenerateRecoveryCodes: route({
    method: "POST",
    path: "/api/me/two-factor/recovery-codes",
    summary: "Replace my recovery codes with 10 new ones (needs the password)",
    tag: "accounts",
    access: "signed-in",
    status: 200,
    body: PasswordConfirmationSchema,
    response: RecoveryCodesSchema,
  }),
  orgSecurity: route({
    method: "GET",
    path: "/api/orgs/:orgId/security",
    summary: "The organisation's sign-in rules",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    response: OrgSecuritySchema,
  }),
  updateOrgSecurity: route({
    method: "PUT",
    path: "/api/orgs/:orgId/security",
    summary: "Change the organisation's sign-in rules (owners; recorded in the audit log)",
    tag: "organisations",
    access: "org-admin",
    status: 200,
    params: OrgIdParamsSchema,
    body: UpdateOrgSecurityRequestSchema,
    response: OrgSecuritySchema,
  }),
};
