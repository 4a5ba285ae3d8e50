import { z } from "zod";
import {
  EmailSchema,
  IdSchema,
  PasswordSchema,
  PersonNameSchema,
  RoleSchema,
  TimestampSchema,
} from "./common.ts";

export const MembershipSummarySchema = z.object({
  orgId: IdSchema,
  orgName: z.string(),
  role: RoleSchema,
});

export const MeSchema = z.object({
  user: z.object({
    id: IdSchema,
    email: z.string(),
    name: z.string(),
    emailVerified: z.boolean(),
  }),
  memberships: z.array(MembershipSummarySchema),
  currentOrgId: IdSchema.nullable(),
  csrfToken: z.string().describe("Send back in the X-CSRF-Token header on every write"),
});
export type Me = z.infer<typeof MeSchema>;

export const SetupStatusSchema = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof SetupStatusSchema>;

export const SetupRequestSchema = z.strictObject({
  organisationName: z.string().trim().min(1, { error: "is required" }).max(120),
  name: PersonNameSchema,
  email: EmailSchema,
  password: PasswordSchema,
});
export type SetupRequest = z.infer<typeof SetupRequestSchema>;

export const SignInRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, { error: "is required" }).max(200),
});
export type SignInRequest = z.infer<typeof SignInRequestSchema>;

export const UpdateMeRequestSchema = z.strictObject({ name: PersonNameSchema });
export type UpdateMeRequest = z.infer<typeof UpdateMeRequestSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1, { error: "is required" }).max(200),
  newPassword: PasswordSchema,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;

export const SwitchOrgRequestSchema = z.strictObject({ orgId: IdSchema });

export const SessionSchema = z.object({
  id: IdSchema,
  current: z.boolean(),
  userAgent: z.string().nullable(),
  ipAddress: z.string().nullable(),
  createdAt: TimestampSchema,
  lastSeenAt: TimestampSchema,
});
export type Session = z.infer<typeof SessionSchema>;
export const SessionListSchema = z.object({ sessions: z.array(SessionSchema) });
export const SessionParamsSchema = z.strictObject({ sessionId: IdSchema });

export const PasswordResetRequestSchema = z.strictObject({ email: EmailSchema });
export const TokenSchema = z.string().min(20).max(200);
export const PasswordResetConfirmSchema = z.strictObject({ token: TokenSchema, password: PasswordSchema });
export const VerifyEmailRequestSchema = z.strictObject({ token: TokenSchema });
