import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  CreateWebhookRequestSchema,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookSettings,
} from "../../../contracts/webhooks.routes.ts";
import { describeError } from "../../api/api-error.ts";
import { api, isAdminOf, queryKeys, useMe } from "../../api/queries.ts";
import { AdminOnly } from "../../components/admin-only.tsx";
import { Alert } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { formatDateTime, zoneNote } from "../../components/format.ts";
import { Card, Loading, PageHeader } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";

export const webhooksKey = (orgId: string) => [...queryKeys.org(orgId), "webhooks"] as const;

/** The form's fields, with every ticked event kind. */
function readWebhookForm(form: HTMLFormElement): Record<string, unknown> {
  const data = new FormData(form);
  return {
    url: String(data.get("url") ?? ""),
    description: String(data.get("description") ?? ""),
    kinds: data.getAll("kinds").map(String),
  };
}

/** Settings → Webhooks: signed HTTPS deliveries of the organisation's events to other systems. */
export default function WebhooksPage() {
  const me = useMe().data!;
  if (!isAdminOf(me) || !me.currentOrgId) return <AdminOnly title="Webhooks" />;
  return <Webhooks orgId={me.currentOrgId} />;
}

function Webhooks({ orgId }: { orgId: string }) {
  const settings = useQuery({
    queryKey: webhooksKey(orgId),
    queryFn: () => api.call("webhookSettings", { params: { orgId } }),
  });
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send your organisation's events to another system as signed HTTPS requests. Each request carries a Trellis-Signature header: t=<unix time>,v1=<HMAC-SHA256 of '<t>.<body>' with the endpoint's secret>. Messages and notes people write to each other are never sent. Changes are recorded in the audit log."
      />
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <Alert tone="error">{describeError(settings.error)}</Alert> : null}
      {settings.data ? (
        <>
          <AddEndpointCard orgId={orgId} kinds={settings.data.kinds} />
          <EndpointsCard orgId={orgId} settings={settings.data} />
          <DeliveriesCard orgId={orgId} settings={settings.data} />
        </>
      ) : null}
    </>
  );
}

function AddEndpointCard({ orgId, kinds }: { orgId: string; kinds: string[] }) {
  const client = useQueryClient();
  const [created, setCreated] = useState<{ url: string; secret: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation({
    mutationFn: (body: Parameters<typeof CreateWebhookRequestSchema.parse>[0]) =>
      api.call("createWebhook", { params: { orgId }, body: CreateWebhookRequestSchema.parse(body) }),
    onSuccess: (data, _body) => {
      setCreated({ url: data.endpoint.url, secret: data.secret });
      setCopied(false);
      form.formRef.current?.reset();
      client.invalidateQueries({ queryKey: webhooksKey(orgId) });
    },
  });
  const form = useContractForm(
    CreateWebhookRequestSchema,
    (body) => create.mutate(body),
    create.error,
    readWebhookForm,
  );
  const kindsError = form.fieldError("kinds");
  return (
    <Card title="Add an endpoint">
      {created ? (
        <Alert tone="success" className="stack-gap">
          <p>
            Added {created.url}. Its signing secret is shown only now: keep it where your receiver can read
            it.
          </p>
          <p>
            <code>{created.secret}</code>{" "}
            <Button
              size="small"
              variant="secondary"
              onClick={async () => {
                await navigator.clipboard?.writeText(created.secret);
                setCopied(true);
              }}
            >
              Copy secret
            </Button>
            <span role="status">{copied ? " Copied to the clipboard." : ""}</span>
          </p>
        </Alert>
      ) : null}
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="stack"
        aria-label="Add an endpoint"
      >
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="Endpoint URL"
          name="url"
          type="url"
          required
          hint="An https:// address on the public internet."
          error={form.fieldError("url")}
        />
        <Field label="Description (optional)" name="description" error={form.fieldError("description")} />
        <fieldset className="stack" aria-describedby={kindsError ? "webhook-kinds-error" : undefined}>
          <legend>Events to send</legend>
          {kinds.map((kind) => (
            <label key={kind} className="choice">
              <input type="checkbox" name="kinds" value={kind} aria-invalid={kindsError ? true : undefined} />
              <code>{kind}</code>
            </label>
          ))}
          {kindsError ? (
            <p id="webhook-kinds-error" className="field__error">
              {kindsError}
            </p>
          ) : null}
        </fieldset>
        <div className="form-actions">
          <Button type="submit" busy={create.isPending} busyLabel="Adding…">
            Add endpoint
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EndpointsCard({ orgId, settings }: { orgId: string; settings: WebhookSettings }) {
  if (settings.endpoints.length === 0) {
    return (
      <Card title="Endpoints">
        <p className="muted">No endpoints yet.</p>
      </Card>
    );
  }
  return (
    <Card title="Endpoints">
      <ul className="stack">
        {settings.endpoints.map((endpoint) => (
          <EndpointRow key={endpoint.id} orgId={orgId} endpoint={endpoint} />
        ))}
      </ul>
    </Card>
  );
}

function EndpointRow({ orgId, endpoint }: { orgId: string; endpoint: WebhookEndpoint }) {
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: webhooksKey(orgId) });
  const params = { orgId, endpointId: endpoint.id };
  const toggle = useMutation({
    mutationFn: () => api.call("updateWebhook", { params, body: { enabled: !endpoint.enabled } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => api.call("deleteWebhook", { params }),
    onSuccess: refresh,
  });
  const ping = useMutation({
    mutationFn: () => api.call("pingWebhook", { params }),
    onSuccess: (delivery) => {
      setMessage(
        delivery.state === "delivered"
          ? `Ping delivered (HTTP ${delivery.lastStatusCode}).`
          : `Ping not delivered: ${delivery.tries[0]?.error ?? `HTTP ${delivery.lastStatusCode}`}.`,
      );
      refresh();
    },
  });
  const error = toggle.error ?? remove.error ?? ping.error;
  return (
    <li>
      <p>
        <strong>{endpoint.url}</strong>{" "}
        {endpoint.enabled ? "" : <span className="badge badge--neutral">Off</span>}
      </p>
      {endpoint.description ? <p className="muted">{endpoint.description}</p> : null}
      <p className="muted">Events: {endpoint.kinds.join(", ")}</p>
      {message ? <p role="status">{message}</p> : null}
      {error ? <Alert tone="error">{describeError(error)}</Alert> : null}
      <div className="form-actions">
        <Button
          size="small"
          variant="secondary"
          busy={ping.isPending}
          busyLabel="Sending…"
          onClick={() => ping.mutate()}
        >
          Send test ping
        </Button>
        <Button size="small" variant="secondary" busy={toggle.isPending} onClick={() => toggle.mutate()}>
          {endpoint.enabled ? "Turn off" : "Turn on"}
        </Button>
        <Button
          size="small"
          variant="danger"
          busy={remove.isPending}
          busyLabel="Deleting…"
          onClick={() => {
            if (window.confirm(`Delete the endpoint ${endpoint.url} and its delivery history?`))
              remove.mutate();
          }}
        >
          Delete
        </Button>
      </div>
    </li>
  );
}

function describeDelivery(delivery: WebhookDelivery): string {
  if (delivery.state === "delivered") return `Delivered (HTTP ${delivery.lastStatusCode})`;
  const last = delivery.tries.at(-1);
  const why = last?.statusCode ? `HTTP ${last.statusCode}` : (last?.error ?? "not tried yet");
  return delivery.state === "failed"
    ? `Failed after ${delivery.attempts} tries (${why})`
    : `Retrying (${why})`;
}

function DeliveriesCard({ orgId, settings }: { orgId: string; settings: WebhookSettings }) {
  const zone = useViewerTimeZone(orgId);
  const urls = new Map(settings.endpoints.map((endpoint) => [endpoint.id, endpoint.url]));
  return (
    <Card title="Recent deliveries">
      {settings.deliveries.length === 0 ? (
        <p className="muted">Nothing sent yet.</p>
      ) : (
        <>
          <p className="muted">{zoneNote(zone)}</p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Result</th>
                <th scope="col">Tries</th>
              </tr>
            </thead>
            <tbody>
              {settings.deliveries.map((delivery) => (
                <tr key={delivery.id}>
                  <td>{formatDateTime(delivery.createdAt, zone)}</td>
                  <td>
                    <code>{delivery.kind}</code>
                  </td>
                  <td>{urls.get(delivery.endpointId) ?? "—"}</td>
                  <td>{describeDelivery(delivery)}</td>
                  <td>
                    <details>
                      <summary>{delivery.attempts}</summary>
                      <ol>
                        {delivery.tries.map((attempt) => (
                          <li key={attempt.at}>
                            {formatDateTime(attempt.at, zone)}: {attempt.statusCode ?? attempt.error} in{" "}
                            {attempt.durationMs} ms
                            {attempt.responseBody ? <pre>{attempt.responseBody}</pre> : null}
                          </li>
                        ))}
                      </ol>
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
