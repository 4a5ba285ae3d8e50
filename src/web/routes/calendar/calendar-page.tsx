import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type CalendarConnection, ConnectCalendarRequestSchema } from "../../../contracts/calendar.ts";
import { describeError } from "../../api/api-error.ts";
import { api, useMe } from "../../api/queries.ts";
import { Alert, LiveRegion } from "../../components/alert.tsx";
import { Button } from "../../components/button.tsx";
import { Field } from "../../components/field.tsx";
import { formatDateTime, zoneNote } from "../../components/format.ts";
import { Card, Loading, PageHeader } from "../../components/page.tsx";
import { useContractForm } from "../../components/use-contract-form.ts";
import { useViewerTimeZone } from "../requests/request-api.ts";
import "./calendar.css";

const calendarKeys = {
  connections: ["me", "calendars"] as const,
  feed: ["me", "calendar-feed"] as const,
};

/**
 * My calendars: CalDAV calendars whose busy time blocks my slots (and where my sessions appear),
 * and my private feed address to subscribe to in any calendar app.
 */
export default function CalendarPage() {
  const me = useMe().data;
  const timeZone = useViewerTimeZone(me?.currentOrgId ?? "");
  return (
    <>
      <PageHeader
        title="My calendars"
        description="Connect your own calendar so your busy time there keeps people from booking you then, and your sessions appear in it. Or subscribe to your private feed."
      />
      <p className="muted">{zoneNote(timeZone)}</p>
      <ConnectionsCard timeZone={timeZone} />
      <ConnectCard />
      <FeedCard timeZone={timeZone} />
    </>
  );
}

function ConnectionsCard({ timeZone }: { timeZone: string }) {
  const connections = useQuery({
    queryKey: calendarKeys.connections,
    queryFn: () => api.call("listCalendarConnections"),
  });
  return (
    <Card title="Connected calendars">
      {connections.isPending ? <Loading label="Loading calendars…" /> : null}
      {connections.isError ? <Alert tone="error">{describeError(connections.error)}</Alert> : null}
      {connections.data && connections.data.connections.length === 0 ? (
        <p className="muted">No calendar is connected. Only your Trellis sessions count as busy.</p>
      ) : null}
      {connections.data && connections.data.connections.length > 0 ? (
        <ul className="calendar-list">
          {connections.data.connections.map((connection) => (
            <ConnectionRow key={connection.id} connection={connection} timeZone={timeZone} />
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

function stateOf(connection: CalendarConnection): { label: string; tone: "success" | "warning" | "danger" } {
  if (connection.state === "failing") return { label: "Not syncing", tone: "danger" };
  if (connection.state === "pending" || connection.lastSyncedAt === null)
    return { label: "Not synced yet", tone: "warning" };
  if (connection.stale) return { label: "Out of date", tone: "warning" };
  return { label: "Up to date", tone: "success" };
}

function ConnectionRow({ connection, timeZone }: { connection: CalendarConnection; timeZone: string }) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: calendarKeys.connections });
  const sync = useMutation({
    mutationFn: () => api.call("syncCalendarConnection", { params: { connectionId: connection.id } }),
    onSuccess: refresh,
  });
  const disconnect = useMutation({
    mutationFn: () => api.call("disconnectCalendar", { params: { connectionId: connection.id } }),
    onSuccess: refresh,
  });
  const name = connection.displayName ?? connection.calendarUrl;
  const state = stateOf(connection);
  return (
    <li className="calendar-list__item">
      <div className="calendar-list__main">
        <p className="calendar-list__name">
          {name} <span className={`badge calendar-badge--${state.tone}`}>{state.label}</span>
        </p>
        <p className="calendar-list__meta">
          {connection.username} · {connection.calendarUrl}
        </p>
        <p className="calendar-list__meta">
          {connection.lastSyncedAt
            ? `Busy time as of ${formatDateTime(connection.lastSyncedAt, timeZone)}`
            : "Busy time not imported yet: until it is, your free time there is unknown."}
        </p>
        {connection.state === "failing" && connection.lastError ? (
          <Alert tone="warning" title="The last sync failed">
            {connection.lastError}
            {connection.lastSyncedAt ? " Busy time from the last good sync is still used." : null}
          </Alert>
        ) : null}
        {sync.isError ? <Alert tone="error">{describeError(sync.error)}</Alert> : null}
        {disconnect.isError ? <Alert tone="error">{describeError(disconnect.error)}</Alert> : null}
      </div>
      <div className="calendar-list__actions">
        <Button
          variant="secondary"
          size="small"
          busy={sync.isPending}
          busyLabel="Syncing…"
          onClick={() => sync.mutate()}
          aria-label={`Sync ${name} now`}
        >
          Sync now
        </Button>
        <Button
          variant="danger"
          size="small"
          busy={disconnect.isPending}
          busyLabel="Disconnecting…"
          aria-label={`Disconnect ${name}`}
          onClick={() => {
            if (
              window.confirm(
                `Disconnect ${name}? Its busy time stops counting and Trellis forgets its app password. Sessions already written there stay.`,
              )
            )
              disconnect.mutate();
          }}
        >
          Disconnect
        </Button>
      </div>
    </li>
  );
}

function ConnectCard() {
  const client = useQueryClient();
  const connect = useMutation({
    mutationFn: (body: { url: string; username: string; password: string }) =>
      api.call("connectCalendar", { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.connections }),
  });
  const form = useContractForm(
    ConnectCalendarRequestSchema,
    (values) => connect.mutate(values),
    connect.error,
  );
  return (
    <Card title="Connect a CalDAV calendar">
      <p className="muted">
        Works with Nextcloud, iCloud, Fastmail, Radicale and other CalDAV servers. Make an app password for
        Trellis in your provider's security settings rather than using your main password.
      </p>
      <form
        ref={form.formRef}
        onSubmit={form.onSubmit}
        noValidate
        className="stack"
        key={connect.isSuccess ? `done-${connect.data?.id}` : "editing"}
      >
        {connect.isSuccess ? (
          <Alert tone={connect.data.state === "failing" ? "warning" : "success"}>
            {connect.data.state === "failing"
              ? `Connected, but the first import failed: ${connect.data.lastError ?? "unknown reason"}`
              : `Connected ${connect.data.displayName ?? "your calendar"}. Your busy time there now counts.`}
          </Alert>
        ) : null}
        {form.formError ? <Alert tone="error">{form.formError}</Alert> : null}
        <Field
          label="CalDAV address"
          name="url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://cloud.example.org/remote.php/dav/"
          hint="The address your provider gives for calendar apps (CalDAV)."
          required
          error={form.fieldError("url")}
        />
        <Field
          label="User name"
          name="username"
          autoComplete="username"
          required
          error={form.fieldError("username")}
        />
        <Field
          label="App password"
          name="password"
          type="password"
          autoComplete="off"
          hint="Stored encrypted; never shown again."
          required
          error={form.fieldError("password")}
        />
        <div>
          <Button type="submit" busy={connect.isPending} busyLabel="Testing the connection…">
            Connect calendar
          </Button>
        </div>
      </form>
    </Card>
  );
}

function FeedCard({ timeZone }: { timeZone: string }) {
  const client = useQueryClient();
  const feed = useQuery({ queryKey: calendarKeys.feed, queryFn: () => api.call("getCalendarFeed") });
  const [announcement, setAnnouncement] = useState("");
  const update = { onSuccess: () => client.invalidateQueries({ queryKey: calendarKeys.feed }) };
  const create = useMutation({ mutationFn: () => api.call("createCalendarFeed"), ...update });
  const revoke = useMutation({ mutationFn: () => api.call("revokeCalendarFeed"), ...update });
  const url = feed.data?.url ?? null;
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setAnnouncement("Feed address copied.");
    } catch {
      setAnnouncement("Copying did not work: select the address and copy it yourself.");
    }
  };
  return (
    <Card title="Private calendar feed">
      <p className="muted">
        Subscribe to this address in Google Calendar, Outlook or Apple Calendar to see your sessions there.
        Keep it private: anyone with it can read your sessions' times and who they are with. Subscribed
        calendars refresh only every few hours; changes also reach you by email.
      </p>
      {feed.isPending ? <Loading label="Loading the feed…" /> : null}
      {feed.isError ? <Alert tone="error">{describeError(feed.error)}</Alert> : null}
      {create.isError ? <Alert tone="error">{describeError(create.error)}</Alert> : null}
      {revoke.isError ? <Alert tone="error">{describeError(revoke.error)}</Alert> : null}
      {feed.data && url ? (
        <div className="stack">
          <div className="field">
            <label className="field__label" htmlFor="calendar-feed-url">
              Feed address
            </label>
            <input
              id="calendar-feed-url"
              className="field__input"
              readOnly
              value={url}
              onFocus={(event) => event.currentTarget.select()}
              aria-describedby="calendar-feed-made"
            />
            <p className="field__hint" id="calendar-feed-made">
              {feed.data.createdAt ? `Made ${formatDateTime(feed.data.createdAt, timeZone)}` : null}
              {feed.data.lastReadAt
                ? ` · last read ${formatDateTime(feed.data.lastReadAt, timeZone)}`
                : " · not read yet"}
            </p>
          </div>
          <div className="calendar-feed__actions">
            <Button variant="secondary" onClick={copy}>
              Copy address
            </Button>
            <Button
              variant="secondary"
              busy={create.isPending}
              busyLabel="Making a new address…"
              onClick={() => {
                if (window.confirm("Make a new address? The current one stops working at once."))
                  create.mutate(undefined, { onSuccess: () => setAnnouncement("New feed address made.") });
              }}
            >
              Make a new address
            </Button>
            <Button
              variant="danger"
              busy={revoke.isPending}
              busyLabel="Turning off…"
              onClick={() => {
                if (
                  window.confirm("Turn the feed off? Calendars subscribed to it stop getting your sessions.")
                )
                  revoke.mutate(undefined, { onSuccess: () => setAnnouncement("Feed turned off.") });
              }}
            >
              Turn off
            </Button>
          </div>
        </div>
      ) : null}
      {feed.data && !url ? (
        <Button busy={create.isPending} busyLabel="Making the address…" onClick={() => create.mutate()}>
          Make my feed address
        </Button>
      ) : null}
      <LiveRegion>{announcement}</LiveRegion>
    </Card>
  );
}
