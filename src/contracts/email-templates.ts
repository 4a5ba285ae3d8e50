import { z } from "zod";
import { EDITABLE_EMAIL_KINDS, type EmailKind } from "../core/email/email-kinds.ts";
import { EMAIL_BODY_MAX_LENGTH, EMAIL_SUBJECT_MAX_LENGTH } from "../core/email/template.ts";
import { IdSchema, TimestampSchema } from "./common.ts";

export const EmailTemplateKindSchema = z.enum(EDITABLE_EMAIL_KINDS as [EmailKind, ...EmailKind[]], {
  error: "is not a kind of email an organisation can reword",
});

export const EmailTemplateParamsSchema = z.strictObject({ orgId: IdSchema, kind: EmailTemplateKindSchema });

export const EmailVariableSchema = z.object({
  name: z.string(),
  description: z.string(),
  sample: z.string(),
});
export type EmailVariableInfo = z.infer<typeof EmailVariableSchema>;

/** One kind of email with the organisation's wording (or the default) and what it may use. */
export const EmailTemplateSchema = z.object({
  kind: EmailTemplateKindSchema,
  title: z.string(),
  sentWhen: z.string(),
  variables: z.array(EmailVariableSchema),
  subject: z.string(),
  body: z.string(),
  defaultSubject: z.string(),
  defaultBody: z.string(),
  customised: z.boolean().describe("The organisation saved its own wording"),
  updatedAt: TimestampSchema.nullable(),
  updatedByName: z.string().nullable(),
});
export type EmailTemplate = z.infer<typeof EmailTemplateSchema>;

export const EmailTemplateListSchema = z.object({ templates: z.array(EmailTemplateSchema) });
export type EmailTemplateList = z.infer<typeof EmailTemplateListSchema>;

/**
 * A new wording: `{{variable}}` placeholders must be among the kind's variables (else 400 naming
 * the variable, at body.subject or body.body).
 */
export const SaveEmailTemplateRequestSchema = z.strictObject({
  subject: z.string().trim().min(1).max(EMAIL_SUBJECT_MAX_LENGTH),
  body: z.string().trim().min(1).max(EMAIL_BODY_MAX_LENGTH),
});
export type SaveEmailTemplateRequest = z.infer<typeof SaveEmailTemplateRequestSchema>;

export const SentEmailParamsSchema = z.strictObject({ orgId: IdSchema, emailId: IdSchema });
