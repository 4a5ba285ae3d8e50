import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  AddSsoDomainRequestSchema,
  DOMAIN_ROLE_ADDRESSES,
  SaveOidcRequestSchema,
  SaveSamlRequestSchema,
  type SsoDomain,
  type SsoSettings,
} from "../../../contracts/sso.routes.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field, SelectField } from "../../components/field.tsx";
import { formatDate } from "../../components/format.ts";
import { Card, Loading, PageHeader } from "../../components/page.tsx";
import { TextAreaField } from "../../components/text-area-field.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";

export const ssoKey = (orgId: string) => [...queryKeys.org(orgId), "sso"] as const;

/** The form's fields as strings, leaving out the empty ones (optional fields such as a kept secret). */
function readFilled(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string" && value.trim() !== "") values[key] = value;
  }
  return values;
}

/** Settings → Single sign-on: the organisation's identity provider, its email domains, and the SSO rule. */
export default function SsoSettingsPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Single sign-on" />;
  return <Sso orgId={me.currentOrgId} />;
}

function Sso({ orgId }: { orgId: string }) {
  const settings = useQuery({
    queryKey: ssoKey(orgId),
    queryFn: () => api.call("ssoSettings", { params: { orgId } }),
  });
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Let people at your email domains sign in through your organisation's identity provider (OpenID Connect or SAML 2.0). Every change is recorded in the audit log."
      />
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <Alert tone="error">{describeError(settings.error)}</Alert> : null}
      {settings.data ? (
        <>
          <ProviderCard orgId={orgId} settings={settings.data} />
          <DomainsCard orgId={orgId} settings={settings.data} />
          <RequirementCard orgId={orgId} settings={settings.data} />
        </>
      ) : null}
    </>
  );
}

function useSaved(orgId: string) {
  const client = useQueryClient();
  return (data: SsoSettings | undefined) => {
    if (data) client.setQueryData(ssoKey(orgId), data);
    else client.invalidateQueries({ queryKey: ssoKey(orgId) });
  };
}

function ProviderCard({ orgId, settings }: { orgId: string; settings: SsoSettings }) {
  const connection = settings.connection;
  const [protocol, setProtocol] = useState<"oidc" | "saml">(connection?.protocol ?? "oidc");
  const [message, setMessage] = useState<string | null>(null);
  const saved = useSaved(orgId);
  const remove = useMutation({
    mutationFn: () => api.call("deleteSsoConnection", { params: { orgId } }),
    onSuccess: () => {
      setMessage("The identity provider was disconnected.");
      saved(undefined);
    },
  });
  return (
    <Card title="Identity provider">
      {message ? (
        <Alert tone="success" className="stack-gap">
          {message}
        </Alert>
      ) : null}
      {connection ? (
        <dl className="details">
          <dt>Connected</dt>
          <dd>
            {connection.protocol === "oidc"
              ? `OpenID Connect: ${connection.issuer} (client ${connection.clientId})`
              : `SAML 2.0: ${connection.entityId} (${connection.certificateCount} signing certificate${connection.certificateCount === 1 ? "" : "s"})`}
          </dd>
        </dl>
      ) : (
        <p className="muted">No identity provider is connected.</p>
      )}
      <fieldset className="stack">
        <legend>Protocol</legend>
        <label className="choice">
          <input
            type="radio"
            name="protocol"
            value="oidc"
            checked={protocol === "oidc"}
            onChange={() => setProtocol("oidc")}
          />
          OpenID Connect
        </label>
        <label className="choice">
          <input
            type="radio"
            name="protocol"
            value="saml"
            checked={protocol === "saml"}
            onChange={() => setProtocol("saml")}
          />
          SAML 2.0
        </label>
      </fieldset>
      {protocol === "oidc" ? (
        <OidcForm orgId={orgId} settings={settings} onSaved={setMessage} />
      ) : (
        <SamlForm orgId={orgId} settings={settings} onSaved={setMessage} />
      )}
      {connection ? (
        <div className="form-actions">
          {remove.isError ? <Alert tone="error">{describeError(remove.error)}</Alert> : null}
          <Button
            variant="danger"
            busy={remove.isPending}
            busyLabel="Disconnecting…"
            onClick={() => {
              if (
                window.confirm("Disconnect the identity provider? People will sign in with passwords again.")
              ) {
                setMessage(null);
                remove.mutate();
              }
            }}
          >
            Disconnect provider
          </Button>
        </div>
      ) : null}
    </Card>
  );
}

function OidcForm({
  orgId,
  settings,
  onSaved,
}: {
  orgId: string;
  settings: SsoSettings;
  onSaved: (message: string) => void;
}) {
  const saved = useSaved(orgId);
  const current = settings.connection?.protocol === "oidc" ? settings.connection : null;
  const save = useMutation({
    mutationFn: (body: Parameters<typeof SaveOidcRequestSchema.parse>[0]) =>
      api.call("saveOidcConnection", { params: { orgId }, body: SaveOidcRequestSchema.parse(body) }),
    onSuccess: (data) => {
      saved(data);
      onSaved(
        "Saved. The provider answered its discovery document; people at your verified domains can sign in with it.",
      );
    },
  });
  const form = useContractForm(SaveOidcRequestSchema, (body) => save.mutate(body), save.error, readFilled);
  return (
    <form
      ref={form.formRef}
      onSubmit={form.onSubmit}
      noValidate
      className="stack"
      aria-label="OpenID Connect"
    >
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Field
        label="Redirect URI to register at the provider"
        name="redirectUri"
        value={settings.oidcRedirectUri}
        readOnly
        form="none"
      />
      <Field
        label="Issuer URL"
        name="issuer"
        type="url"
        required
        defaultValue={current?.issuer ?? ""}
        hint="For example https://login.example.org — its /.well-known/openid-configuration is read."
        error={form.fieldError("issuer")}
      />
      <Field
        label="Client ID"
        name="clientId"
        required
        autoComplete="off"
        defaultValue={current?.clientId ?? ""}
        error={form.fieldError("clientId")}
      />
      <Field
        label="Client secret"
        name="clientSecret"
        type="password"
        autoComplete="new-password"
        required={!current?.hasClientSecret}
        hint={current?.hasClientSecret ? "Stored encrypted. Leave empty to keep it." : "Stored encrypted."}
        error={form.fieldError("clientSecret")}
      />
      <div className="form-actions">
        <Button type="submit" busy={save.isPending} busyLabel="Checking the provider…">
          Save OpenID Connect
        </Button>
      </div>
    </form>
  );
}

function SamlForm({
  orgId,
  settings,
  onSaved,
}: {
  orgId: string;
  settings: SsoSettings;
  onSaved: (message: string) => void;
}) {
  const saved = useSaved(orgId);
  const current = settings.connection?.protocol === "saml" ? settings.connection : null;
  const save = useMutation({
    mutationFn: (body: Record<string, string>) => api.call("saveSamlConnection", { params: { orgId }, body }),
    onSuccess: (data) => {
      saved(data);
      onSaved("Saved. Signed assertions from this identity provider are accepted.");
    },
  });
  const form = useContractForm(
    SaveSamlRequestSchema,
    (body) => save.mutate(body as Record<string, string>),
    save.error,
    readFilled,
  );
  return (
    <form ref={form.formRef} onSubmit={form.onSubmit} noValidate className="stack" aria-label="SAML 2.0">
      {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
      <Field
        label="Our entity ID (for the identity provider)"
        name="spEntityId"
        value={settings.saml.entityId}
        readOnly
        form="none"
      />
      <Field
        label="Our assertion consumer service URL"
        name="spAcsUrl"
        value={settings.saml.acsUrl}
        readOnly
        form="none"
      />
      <TextAreaField
        label="Our service provider metadata"
        name="spMetadata"
        value={settings.saml.metadataXml}
        readOnly
        rows={4}
        form="none"
      />
      <Field
        label="Identity provider metadata URL"
        name="metadataUrl"
        type="url"
        defaultValue={current?.metadataUrl ?? ""}
        hint="Or paste the metadata below instead."
        error={form.fieldError("metadataUrl")}
      />
      <TextAreaField
        label="Identity provider metadata XML"
        name="metadataXml"
        rows={6}
        error={form.fieldError("metadataXml")}
      />
      <div className="form-actions">
        <Button type="submit" busy={save.isPending} busyLabel="Reading the metadata…">
          Save SAML
        </Button>
      </div>
    </form>
  );
}

function DomainsCard({ orgId, settings }: { orgId: string; settings: SsoSettings }) {
  const saved = useSaved(orgId);
  const add = useMutation({
    mutationFn: (domain: string) => api.call("addSsoDomain", { params: { orgId }, body: { domain } }),
    onSuccess: saved,
  });
  const form = useContractForm(AddSsoDomainRequestSchema, (body) => add.mutate(body.domain), add.error);
  return (
    <Card title="Email domains">
      <p className="muted">
        People whose address is at a verified domain are sent to your identity provider from the sign-in page,
        and their accounts may be linked to it. Verify a domain with a link sent to one of its administrative
        addresses; without email, ask the person who runs this Trellis server to run{" "}
        <code>trellis verify-domain</code>.
      </p>
      {settings.domains.length > 0 ? (
        <ul className="stack list-plain">
          {settings.domains.map((domain) => (
            <DomainRow key={domain.id} orgId={orgId} domain={domain} />
          ))}
        </ul>
      ) : (
        <p>No domains yet.</p>
      )}
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="stack"
        aria-label="Add a domain"
      >
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Domain"
          name="domain"
          required
          placeholder="example.org"
          error={form.fieldError("domain")}
        />
        <div className="form-actions">
          <Button type="submit" variant="secondary" busy={add.isPending} busyLabel="Adding…">
            Add domain
          </Button>
        </div>
      </form>
    </Card>
  );
}

function DomainRow({ orgId, domain }: { orgId: string; domain: SsoDomain }) {
  const zone = useViewerTimeZone(orgId);
  const saved = useSaved(orgId);
  const [localPart, setLocalPart] = useState<(typeof DOMAIN_ROLE_ADDRESSES)[number]>("postmaster");
  const send = useMutation({
    mutationFn: () =>
      api.call("sendDomainVerification", { params: { orgId, domainId: domain.id }, body: { localPart } }),
    onSuccess: saved,
  });
  const remove = useMutation({
    mutationFn: () => api.call("removeSsoDomain", { params: { orgId, domainId: domain.id } }),
    onSuccess: () => saved(undefined),
  });
  return (
    <li className="card card--inset stack">
      <p>
        <strong>{domain.domain}</strong>{" "}
        {domain.verifiedAt
          ? `· Verified ${formatDate(domain.verifiedAt, zone)}`
          : domain.pendingAddress
            ? `· Not verified yet: a link was sent to ${domain.pendingAddress}`
            : "· Not verified"}
      </p>
      {send.isError ? <Alert tone="error">{describeError(send.error)}</Alert> : null}
      {remove.isError ? <Alert tone="error">{describeError(remove.error)}</Alert> : null}
      {!domain.verifiedAt ? (
        <div className="form-actions">
          <SelectField
            label={`Send the link for ${domain.domain} to`}
            name="localPart"
            value={localPart}
            onChange={(event) => setLocalPart(event.target.value as typeof localPart)}
          >
            {DOMAIN_ROLE_ADDRESSES.map((part) => (
              <option key={part} value={part}>
                {part}@{domain.domain}
              </option>
            ))}
          </SelectField>
          <Button
            variant="secondary"
            busy={send.isPending}
            busyLabel="Sending…"
            onClick={() => send.mutate()}
          >
            Send verification link
          </Button>
        </div>
      ) : null}
      <div className="form-actions">
        <Button
          variant="ghost"
          busy={remove.isPending}
          busyLabel="Removing…"
          aria-label={`Remove ${domain.domain}`}
          onClick={() => remove.mutate()}
        >
          Remove
        </Button>
      </div>
    </li>
  );
}

function RequirementCard({ orgId, settings }: { orgId: string; settings: SsoSettings }) {
  const saved = useSaved(orgId);
  const [done, setDone] = useState(false);
  const update = useMutation({
    mutationFn: (requireSso: boolean) =>
      api.call("updateSsoRequirement", { params: { orgId }, body: { requireSso } }),
    onSuccess: (data) => {
      setDone(true);
      saved(data);
    },
  });
  return (
    <Card title="Require single sign-on">
      <form
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          setDone(false);
          update.mutate(new FormData(event.currentTarget).get("requireSso") === "on");
        }}
      >
        {done ? <Alert tone="success">Saved. The change is recorded in the audit log.</Alert> : null}
        {update.isError ? <Alert tone="error">{describeError(update.error)}</Alert> : null}
        <label className="choice">
          <input
            type="checkbox"
            name="requireSso"
            defaultChecked={settings.connection?.requireSso ?? false}
            disabled={!settings.connection}
          />
          Members at our verified domains must sign in with single sign-on
        </label>
        <p className="muted">
          Their passwords stop working for sign-in. Owners keep theirs, as the way back in if the provider is
          down.
        </p>
        <div className="form-actions">
          <Button type="submit" busy={update.isPending} busyLabel="Saving…" disabled={!settings.connection}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
