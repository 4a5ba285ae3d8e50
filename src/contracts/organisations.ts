import { z } from "zod";
import { EMAIL_STATES } from "../core/email/delivery.ts";
import {
  EmailSchema,
  IdSchema,
  PersonNameSchema,
  PasswordSchema,
  RoleSchema,
  TimestampSchema,
} from "./common.ts";

export const MemberStatusSchema = z.enum(["active", "deactivated"]);
export const MemberSchema = z.object({
  userId: IdSchema,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  status: MemberStatusSchema,
  joinedAt: TimestampSchema,
});
export type Member = z.infer<typeof MemberSchema>;

export const MemberListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  role: RoleSchema.optional(),
  status: MemberStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MemberListQuery = z.input<typeof MemberListQuerySchema>;
export const MemberListSchema = z.object({ members: z.array(MemberSchema), total: z.number().int() });
export type MemberList = z.infer<typeof MemberListSchema>;

export const MemberParamsSchema = z.strictObject({ orgId: IdSchema, userId: IdSchema });
export const UpdateMemberRequestSchema = z
  .strictObject({ role: RoleSchema.optional(), status: MemberStatusSchema.optional() })
  .refine((value) => value.role !== undefined || value.status !== undefined, {
    error: "give a role or a status to change",
  });
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequestSchema>;

export const InvitationStatusSchema = z.enum(["pending", "accepted", "revoked", "expired"]);
export const InvitationSchema = z.object({
  id: IdSchema,
  email: z.string(),
  role: RoleSchema,
  status: InvitationStatusSchema,
  invitedByName: z.string().nullable(),
  createdAt: TimestampSchema,
  expiresAt: TimestampSchema,
  lastSentAt: TimestampSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;
export const InvitationListSchema = z.object({ invitations: z.array(InvitationSchema) });
export const CreateInvitationRequestSchema = z.strictObject({ email: EmailSchema, role: RoleSchema });
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequestSchema>;
export const InvitationParamsSchema = z.strictObject({ orgId: IdSchema, invitationId: IdSchema });
export const InvitationTokenParamsSchema = z.strictObject({ token: z.string().min(20).max(200) });

export const InvitationPreviewSchema = z.object({
  orgName: z.string(),
  email: z.string(),
  role: RoleSchema,
  hasAccount: z.boolean().describe("The invited email already has a Trellis account"),
});
export type InvitationPreview = z.infer<typeof InvitationPreviewSchema>;
export const AcceptInvitationRequestSchema = z.strictObject({
  name: PersonNameSchema.optional().describe("Required when the email has no account yet"),
  password: PasswordSchema.describe("A new password, or the existing account's password"),
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequestSchema>;

export const SentEmailSchema = z.object({
  id: IdSchema,
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  createdAt: TimestampSchema,
  state: z
    .enum(EMAIL_STATES)
    .describe(
      "queued, sent, retrying (again at nextAttemptAt), failed (lastError says why), stored (outbox)",
    ),
  attempts: z.number().int(),
  nextAttemptAt: TimestampSchema.nullable().describe("The next try, while queued or retrying"),
  deliveredAt: TimestampSchema.nullable(),
  lastError: z.string().nullable().describe("The SMTP server's answer to the last failed try"),
});
export type SentEmail = z.infer<typeof SentEmailSchema>;
export const SentEmailListSchema = z.object({
  emails: z.array(SentEmailSchema),
  delivery: z.enum(["smtp", "outbox"]),
});
export type SentEmailList = z.infer<typeof SentEmailListSchema>;

export const HealthSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({
    status: z.enum(["ok", "down"]),
    kind: z.enum(["pglite", "postgres"]),
    latencyMs: z.number(),
  }),
  version: z.string(),
});
export type Health = z.infer<typeof HealthSchema>;
