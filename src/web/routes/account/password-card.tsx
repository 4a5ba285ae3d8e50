import { useMutation, useQueryClient } from "@tanstack/react-query";
import { z } from "zod";
import { ChangePasswordRequestSchema } from "../../../contracts/index.ts";
import { isApiError } from "../../api/api-error.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

const ChangePasswordFormSchema = ChangePasswordRequestSchema.extend({ confirmPassword: z.string() }).refine(
  (value) => value.newPassword === value.confirmPassword,
  { path: ["confirmPassword"], error: "does not match the new password" },
);

export function PasswordCard() {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api.call("changePassword", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
  const form = useContractForm(
    ChangePasswordFormSchema,
    ({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword }),
    change.error,
  );
  const wrongPassword = isApiError(change.error, "invalid_credentials");

  return (
    <Card title="Password">
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="stack"
        key={change.isSuccess ? "done" : "editing"}
      >
        {change.isSuccess ? (
          <Alert tone="success">Password changed. Your other sessions were signed out.</Alert>
        ) : null}
        {form.formError && !wrongPassword ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={wrongPassword ? "is not right" : form.fieldError("currentPassword")}
        />
        <Field
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint="At least 10 characters. Your other sessions will be signed out."
          required
          error={form.fieldError("newPassword")}
        />
        <Field
          label="Confirm new password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          error={form.fieldError("confirmPassword")}
        />
        <div className="form-actions">
          <Button type="submit" busy={change.isPending} busyLabel="Changing…">
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
