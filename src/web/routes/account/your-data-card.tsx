import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { z } from "zod";
import { isApiError } from "../../api/api-error.ts";
import { api, useEndSession } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

const CONFIRMATION = "delete my account";
const DeleteFormSchema = z.object({
  password: z.string().min(1, { error: "is required" }).max(200),
  confirmation: z
    .string()
    .trim()
    .refine((value) => value.toLowerCase() === CONFIRMATION, { error: `must be “${CONFIRMATION}”` }),
});

/** My account → Your data: download everything Trellis holds about me, or delete my account. */
export function YourDataCard() {
  const navigate = useNavigate();
  const endSession = useEndSession();
  const [deleting, setDeleting] = useState(false);
  const remove = useMutation({
    mutationFn: (password: string) => api.call("deleteMyAccount", { body: { password } }),
    onSuccess: () => {
      endSession();
      navigate("/sign-in", { replace: true, state: { flash: "Your account was deleted." } });
    },
  });
  const form = useContractForm(DeleteFormSchema, (values) => remove.mutate(values.password), remove.error);
  const wrongPassword = isApiError(remove.error, "invalid_credentials");

  return (
    <Card title="Your data">
      <div className="stack">
        <p className="muted">
          Download everything Trellis holds about you: your account, profiles, programme places, requests,
          pairs, notifications and sign-ins. Other people’s private content is not included.
        </p>
        <div className="form-actions">
          <a className="button button--secondary" href="/api/me/data-export?format=json" download>
            Download as JSON
          </a>
          <a className="button button--secondary" href="/api/me/data-export?format=html" download>
            Download as a web page
          </a>
        </div>
        {deleting ? (
          <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
            <Alert tone="warning" title="Deleting your account cannot be undone">
              Your profile, answers, notifications and sign-ins are erased, and your name and email address
              are removed everywhere. What others wrote stays theirs; your part of shared pairs shows as
              “Deleted person”. Organisations see that an account was deleted in their audit log.
            </Alert>
            {form.formError && !wrongPassword ? <Alert tone="error">{form.formError}</Alert> : null}
            <Field
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              error={wrongPassword ? "is not right" : form.fieldError("password")}
            />
            <Field
              label={`Type “${CONFIRMATION}” to confirm`}
              name="confirmation"
              autoComplete="off"
              required
              error={form.fieldError("confirmation")}
            />
            <div className="form-actions">
              <Button type="submit" variant="danger" busy={remove.isPending} busyLabel="Deleting…">
                Delete my account
              </Button>
              <Button variant="ghost" onClick={() => setDeleting(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="form-actions">
            <Button variant="danger" onClick={() => setDeleting(true)}>
              Delete my account…
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
