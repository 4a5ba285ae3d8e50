import { useMutation } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { SetupRequestSchema } from "../../../contracts/index.ts";
import type { BodyOf } from "../../api/client.ts";
import { api, useSetupStatus, useStartSession } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { Loading, useDocumentTitle } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";

/** First run: create the organisation and its owner, then land signed in. */
export default function SetupPage() {
  useDocumentTitle("Set up Trellis");
  const status = useSetupStatus();
  const navigate = useNavigate();
  const startSession = useStartSession();
  const setup = useMutation({
    mutationFn: (body: BodyOf<"setup">) => api.call("setup", { body }),
    onSuccess: (me) => {
      startSession(me);
      navigate("/", { replace: true, state: { flash: "Your organisation is ready. Welcome to Trellis!" } });
    },
  });
  const form = useContractForm(SetupRequestSchema, (body) => setup.mutate(body), setup.error);

  if (status.isPending) return <Loading />;
  if (status.data && !status.data.needsSetup && !setup.isSuccess) {
    return (
      <>
        <h1>Trellis is set up</h1>
        <p>This Trellis already has an organisation. Sign in, or ask an admin to invite you.</p>
        <p>
          <Link to="/sign-in" className="button button--primary">
            Go to sign in
          </Link>
        </p>
      </>
    );
  }

  return (
    <>
      <h1>Set up Trellis</h1>
      <p className="lead">
        Create your organisation and your owner account. You can invite everyone else next.
      </p>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <fieldset className="fieldset">
          <legend>Your organisation</legend>
          <Field
            label="Organisation name"
            name="organisationName"
            autoComplete="organization"
            required
            error={form.fieldError("organisationName")}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend>Your owner account</legend>
          <Field label="Your name" name="name" autoComplete="name" required error={form.fieldError("name")} />
          <Field
            label="Email"
            name="email"
            type="email"
            autoComplete="email"
            required
            error={form.fieldError("email")}
          />
          <Field
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            hint="At least 10 characters."
            required
            error={form.fieldError("password")}
          />
        </fieldset>
        <Button type="submit" busy={setup.isPending} busyLabel="Creating…" className="button--block">
          Create organisation
        </Button>
      </form>
    </>
  );
}
