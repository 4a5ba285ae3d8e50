import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type Me, UpdateMeRequestSchema } from "../../../contracts/index.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, queryKeys } from "../../api/queries.ts";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Card } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

export function ProfileCard({ me }: { me: Me }) {
  const client = useQueryClient();
  const update = useMutation({
    mutationFn: (body: BodyOf<"updateMe">) => api.call("updateMe", { body }),
    onSuccess: (next) => client.setQueryData(queryKeys.me, next),
  });
  const form = useContractForm(UpdateMeRequestSchema, (body) => update.mutate(body), update.error);
  return (
    <Card title="Profile">
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          defaultValue={me.user.name}
          required
          error={form.fieldError("name")}
          onChange={() => update.reset()}
        />
        <div className="field">
          <p className="field__label">Email</p>
          <p className="field__static">
            {me.user.email}{" "}
            {me.user.emailVerified ? (
              <span className="badge badge--success">Verified</span>
            ) : (
              <span className="badge badge--warning">Not verified</span>
            )}
          </p>
        </div>
        <div className="form-actions">
          <Button type="submit" busy={update.isPending} busyLabel="Saving…">
            Save name
          </Button>
          <LiveRegion>{update.isSuccess ? <span className="saved">Saved.</span> : null}</LiveRegion>
        </div>
      </form>
    </Card>
  );
}
