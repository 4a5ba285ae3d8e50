import { z } from "zod";

export const IdSchema = z.uuid();
export const TimestampSchema = z.iso.datetime({ offset: true }).describe("ISO 8601 instant");
export const EmailSchema = z
  .email({ error: "must be a valid email address" })
  .max(254)
  .transform((value) => value.toLowerCase());
export const PasswordSchema = z
  .string()
  .min(10, { error: "must be at least 10 characters" })
  .max(200, { error: "must be at most 200 characters" });
export const PersonNameSchema = z.string().trim().min(1, { error: "is required" }).max(120);
export const OrgIdParamsSchema = z.strictObject({ orgId: IdSchema });
export const RoleSchema = z.enum(["owner", "admin", "member"]);
export type Role = z.infer<typeof RoleSchema>;
export const NoContentSchema = z.null().describe("No content");
export const AcceptedSchema = z.object({ accepted: z.literal(true) });

/**
 * Plain-English messages for the commonest problems, so every 400 names the field and says
 * what is wrong in words a person understands ("is required", "must be a number").
 */
z.config({
  customError: (issue) => {
    if (issue.code === "invalid_type") {
      return issue.input === undefined
        ? "is required"
        : `must be ${issue.expected === "object" ? "an object" : `a ${issue.expected}`}`;
    }
    if (issue.code === "too_big" && issue.origin === "string")
      return `must be at most ${issue.maximum} characters`;
    if (issue.code === "too_small" && issue.origin === "string")
      return issue.minimum === 1 ? "is required" : `must be at least ${issue.minimum} characters`;
    return undefined;
  },
});
