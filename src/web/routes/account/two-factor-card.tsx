import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  ConfirmTwoFactorRequestSchema,
  PasswordConfirmationSchema,
  type TwoFactorSetUp,
} from "../../../contracts/two-factor.routes.ts";
import { describeError, isApiError } from "../../api/api-error.ts";
import { api } from "../../api/queries.ts";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { formatDate } from "../../components/format.ts";
import { Loading } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import "./two-factor.css";
import { twoFactorKey, useTwoFactorStatus } from "./two-factor-queries.ts";

/** My account → Two-factor sign-in: turn on with an authenticator app, recovery codes, turn off. */
export function TwoFactorCard() {
  const status = useTwoFactorStatus();
  const [setUp, setSetUp] = useState<TwoFactorSetUp | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  return (
    <section className="card" id="two-factor" aria-labelledby="two-factor-title">
      <h2 className="card__title" id="two-factor-title">
        Two-factor sign-in
      </h2>
      {status.isPending ? <Loading label="Loading…" /> : null}
      {status.isError ? <Alert tone="error">{describeError(status.error)}</Alert> : null}
      {status.data && status.data.requiredBy.length > 0 ? (
        <Alert tone="warning" title="Required for admins">
          {status.data.requiredBy.map((org) => org.orgName).join(", ")} requires two-factor sign-in for owners
          and admins. Turn it on here to use the admin pages.
        </Alert>
      ) : null}
      {codes ? (
        <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />
      ) : status.data?.enabled ? (
        <EnabledPanel
          enabledAt={status.data.enabledAt}
          left={status.data.recoveryCodesLeft}
          onNewCodes={setCodes}
        />
      ) : status.data && setUp ? (
        <ConfirmPanel
          setUp={setUp}
          onConfirmed={(recoveryCodes) => {
            setSetUp(null);
            setCodes(recoveryCodes);
          }}
          onCancel={() => setSetUp(null)}
        />
      ) : status.data ? (
        <StartPanel onStarted={setSetUp} />
      ) : null}
    </section>
  );
}

function StartPanel({ onStarted }: { onStarted: (setUp: TwoFactorSetUp) => void }) {
  const start = useMutation({ mutationFn: () => api.call("startTwoFactorSetUp"), onSuccess: onStarted });
  return (
    <div className="stack">
      <p className="muted">
        Off. With two-factor sign-in on, signing in also asks for a code from an authenticator app on your
        phone (such as Aegis, Google Authenticator or 1Password), so a stolen password alone is not enough.
      </p>
      {start.isError ? <Alert tone="error">{describeError(start.error)}</Alert> : null}
      <div className="form-actions">
        <Button busy={start.isPending} busyLabel="Starting…" onClick={() => start.mutate()}>
          Turn on two-factor sign-in
        </Button>
      </div>
    </div>
  );
}

function ConfirmPanel({
  setUp,
  onConfirmed,
  onCancel,
}: {
  setUp: TwoFactorSetUp;
  onConfirmed: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const client = useQueryClient();
  const confirm = useMutation({
    mutationFn: (code: string) => api.call("confirmTwoFactor", { body: { code } }),
    onSuccess: (result) => {
      onConfirmed(result.recoveryCodes);
      return client.invalidateQueries({ queryKey: twoFactorKey });
    },
  });
  const form = useContractForm(
    ConfirmTwoFactorRequestSchema,
    (values) => confirm.mutate(values.code),
    confirm.error,
  );
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(setUp.qrSvg)}`;
  return (
    <div className="stack">
      <ol className="two-factor-steps">
        <li>Scan this QR code with your authenticator app.</li>
        <li>Enter the 6-digit code the app shows for Trellis.</li>
      </ol>
      <img
        className="two-factor-qr"
        src={qr}
        width={200}
        height={200}
        alt="QR code for your authenticator app"
      />
      <details>
        <summary>Can’t scan? Enter the key by hand</summary>
        <p>
          Key: <code className="two-factor-secret">{setUp.secret.replace(/(.{4})/g, "$1 ").trim()}</code>
        </p>
        <p className="muted">Time-based, 6 digits, every 30 seconds.</p>
      </details>
      <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack">
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Code from your app"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          required
          error={form.fieldError("code")}
        />
        <div className="form-actions">
          <Button type="submit" busy={confirm.isPending} busyLabel="Checking…">
            Verify and turn on
          </Button>
          <Button variant="ghost" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const download = `data:text/plain;charset=utf-8,${encodeURIComponent(
    `Trellis recovery codes (each works once)\n\n${codes.join("\n")}\n`,
  )}`;
  return (
    <div className="stack">
      <Alert tone="success" title="Two-factor sign-in is on">
        Save these recovery codes somewhere safe. If you lose your phone, each one signs you in once. They are
        shown only now.
      </Alert>
      <ul className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <a className="button button--secondary" href={download} download="trellis-recovery-codes.txt">
          Download codes
        </a>
        <Button onClick={onDone}>I have saved them</Button>
      </div>
    </div>
  );
}

function EnabledPanel({
  enabledAt,
  left,
  onNewCodes,
}: {
  enabledAt: string | null;
  left: number;
  onNewCodes: (codes: string[]) => void;
}) {
  const client = useQueryClient();
  const [action, setAction] = useState<"disable" | "codes" | null>(null);
  const disable = useMutation({
    mutationFn: (password: string) => api.call("disableTwoFactor", { body: { password } }),
    onSuccess: () => {
      setAction(null);
      return client.invalidateQueries({ queryKey: twoFactorKey });
    },
  });
  const regenerate = useMutation({
    mutationFn: (password: string) => api.call("regenerateRecoveryCodes", { body: { password } }),
    onSuccess: (result) => {
      setAction(null);
      onNewCodes(result.recoveryCodes);
      return client.invalidateQueries({ queryKey: twoFactorKey });
    },
  });
  const mutation = action === "codes" ? regenerate : disable;
  const form = useContractForm(
    PasswordConfirmationSchema,
    (values) => mutation.mutate(values.password),
    mutation.error,
  );
  const wrongPassword = isApiError(mutation.error, "invalid_credentials");
  return (
    <div className="stack">
      <p>
        <span className="badge badge--success">On</span> {enabledAt ? `since ${formatDate(enabledAt)}. ` : ""}
        {left} of 10 recovery codes left.
      </p>
      {left <= 3 ? <Alert tone="warning">You are running out of recovery codes: make new ones.</Alert> : null}
      {action ? (
        <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack" key={action}>
          {form.formError && !wrongPassword ? <Alert tone="error">{form.formError}</Alert> : null}
          <Field
            label="Your password"
            name="password"
            type="password"
            autoComplete="current-password"
            hint={
              action === "disable"
                ? "Turning two-factor off needs your password."
                : "Your old recovery codes stop working."
            }
            required
            error={wrongPassword ? "is not right" : form.fieldError("password")}
          />
          <div className="form-actions">
            <Button
              type="submit"
              variant={action === "disable" ? "danger" : "primary"}
              busy={mutation.isPending}
              busyLabel="Working…"
            >
              {action === "disable" ? "Turn off two-factor sign-in" : "Make new recovery codes"}
            </Button>
            <Button variant="ghost" onClick={() => setAction(null)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="form-actions">
          <Button variant="secondary" onClick={() => setAction("codes")}>
            New recovery codes
          </Button>
          <Button variant="danger" onClick={() => setAction("disable")}>
            Turn off
          </Button>
        </div>
      )}
    </div>
  );
}
