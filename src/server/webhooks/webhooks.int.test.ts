import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OrgId } from "../../core/accounts/types.ts";
import { inTransaction } from "../../db/index.ts";
import { recordEvents } from "../events/record-events.ts";
import { type Caller, createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";
import { deliverDueWebhooks } from "./deliver.ts";
import { verifySignature } from "./signature.ts";
import {
  checkWebhookUrl,
  MAX_WEBHOOK_ATTEMPTS,
  secretContext,
  webhookBox,
  webhooks,
} from "./webhook-deps.ts";

interface Received {
  path: string;
  body: string;
  signature: string;
  at: number;
}

/** A local HTTPS receiver with a self-signed certificate made for this run (openssl). */
function startReceiver(dir: string) {
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=IP:127.0.0.1,DNS:localhost",
    ],
    { stdio: "ignore" },
  );
  const received: Received[] = [];
  /** Status codes to answer on each path, in turn (then 200). */
  const script = new Map<string, number[]>();
  const server: Server = createServer(
    { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) },
    (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const path = request.url ?? "/";
        received.push({
          path,
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(request.headers["trellis-signature"] ?? ""),
          at: Date.now(),
        });
        const queue = script.get(path) ?? [];
        const status = queue.length > 0 ? (queue.shift() as number) : path === "/always-500" ? 500 : 200;
        response.writeHead(status, { "content-type": "text/plain" });
        response.end(status === 200 ? "ok" : `broken ${"x".repeat(3_000)}`);
      });
    },
  );
  return { server, received, script, caFile: join(dir, "cert.pem") };
}

describe("signed webhooks", () => {
  let t: TestApp;
  let owner: Caller;
  let orgA: OrgId;
  let base: string;
  let offsetMs = 0;
  const dir = mkdtempSync(join(tmpdir(), "trellis-webhooks-"));
  const receiver = startReceiver(dir);

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
    base = `https://127.0.0.1:${(receiver.server.address() as AddressInfo).port}`;
    t = await createTestApp(
      { webhooks: { allowPrivate: true, caFile: receiver.caFile, timeoutMs: 5_000 } },
      { now: () => new Date(Date.now() + offsetMs) },
    );
    owner = await setUpOwner(t.app);
    orgA = owner.me.currentOrgId as OrgId;
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => receiver.server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (method: "GET" | "POST" | "PATCH" | "DELETE", path: string, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/orgs/${orgA}${path}`,
      headers: owner.headers,
      payload: payload as object,
    });

  async function declined(orgId: string, reason: string): Promise<string> {
    const id = randomUUID();
    await inTransaction(t.deps.db, (repos) =>
      recordEvents(repos, [
        {
          kind: "request.declined",
          orgId,
          payload: {
            request: {
              id,
              menteeId: owner.me.user.id,
              mentorId: owner.me.user.id,
              menteeName: "Mia Mentee",
              mentorName: "Max Mentor",
              programmeName: "Pilot",
            },
            reason,
            atCapacity: false,
          },
        },
      ]),
    );
    await t.deps.events.afterCommit();
    return id;
  }

  it("refuses a private, loopback or plain-http URL naming body.url unless the deployment allows it", async () => {
    const strict = { config: { webhooks: { allowPrivate: false, caFile: null, timeoutMs: 1000 } } };
    for (const url of [
      "https://127.0.0.1/hook",
      "https://[::1]/hook",
      "http://hooks.example.test/x",
      "nope",
    ]) {
      await expect(checkWebhookUrl(strict, url, async () => ["93.184.216.34"])).rejects.toMatchObject({
        details: [{ path: "body.url" }],
      });
    }
    await expect(
      checkWebhookUrl(strict, "https://inside.example.test/x", async () => ["10.1.2.3"]),
    ).rejects.toMatchObject({ details: [{ path: "body.url" }] });
    await expect(
      checkWebhookUrl(strict, "https://hooks.example.test/x", async () => ["93.184.216.34"]),
    ).resolves.toBeInstanceOf(URL);

    // The app under test allows private addresses; an unknown event kind is still refused.
    const bad = await api("POST", "/webhooks", { url: `${base}/a`, kinds: ["no.such_kind"] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("kinds");
  });

  it("signs deliveries, retries after a 500, and keeps events of one organisation from another's endpoints", async () => {
    const created = await api("POST", "/webhooks", { url: `${base}/a`, kinds: ["request.declined"] });
    expect(created.statusCode).toBe(201);
    const { endpoint, secret } = created.json() as { endpoint: { id: string }; secret: string };
    expect(secret).toMatch(/^whsec_/);
    const settings = await api("GET", "/webhooks");
    expect(settings.body).not.toContain(secret);

    // Another organisation's endpoint, subscribed to the same kind.
    const orgB = await t.deps.repos.organisations.create("Other Org");
    const otherId = randomUUID();
    await webhooks(t.deps).createEndpoint({
      id: otherId,
      orgId: orgB,
      url: `${base}/b`,
      description: "",
      kinds: ["request.declined"],
      secretSealed: webhookBox(t.deps).seal("whsec_b", secretContext(otherId)),
      now: new Date(),
    });

    receiver.script.set("/a", [500]);
    const requestId = await declined(orgA, "private words between the pair");
    const first = receiver.received.filter((item) => item.path === "/a");
    expect(first).toHaveLength(1);
    expect(receiver.received.some((item) => item.path === "/b")).toBe(false);
    const body = JSON.parse(first[0]?.body ?? "{}");
    expect(body).toMatchObject({
      kind: "request.declined",
      orgId: orgA,
      payload: { request: { id: requestId } },
    });
    expect(first[0]?.body).not.toContain("private words");
    expect(
      verifySignature(first[0]?.signature ?? "", first[0]?.body ?? "", secret, Math.floor(Date.now() / 1000)),
    ).toBe(true);
    expect(
      verifySignature(
        first[0]?.signature ?? "",
        first[0]?.body ?? "",
        "whsec_wrong",
        Math.floor(Date.now() / 1000),
      ),
    ).toBe(false);

    let [delivery] = (await api("GET", "/webhooks")).json().deliveries;
    expect(delivery).toMatchObject({
      endpointId: endpoint.id,
      state: "pending",
      attempts: 1,
      lastStatusCode: 500,
    });
    expect(delivery.tries[0].responseBody.length).toBeLessThanOrEqual(1_000);

    // Not retried before the backoff; then delivered, with the same body signed afresh.
    expect(await deliverDueWebhooks(t.deps)).toBe(0);
    offsetMs += 61_000;
    expect(await deliverDueWebhooks(t.deps)).toBe(1);
    const tries = receiver.received.filter((item) => item.path === "/a");
    expect(tries).toHaveLength(2);
    expect(tries[1]?.body).toBe(tries[0]?.body);
    expect(
      verifySignature(
        tries[1]?.signature ?? "",
        tries[1]?.body ?? "",
        secret,
        Math.floor((Date.now() + offsetMs) / 1000),
      ),
    ).toBe(true);
    [delivery] = (await api("GET", "/webhooks")).json().deliveries;
    expect(delivery).toMatchObject({ state: "delivered", attempts: 2, lastStatusCode: 200 });
    expect(delivery.tries.map((item: { statusCode: number }) => item.statusCode)).toEqual([500, 200]);

    // The other organisation's endpoint never heard of it.
    expect(await webhooks(t.deps).recentDeliveries(orgB, 10)).toHaveLength(0);
    expect(receiver.received.some((item) => item.path === "/b")).toBe(false);
  });

  it("gives up after the last try and records every one", async () => {
    const created = await api("POST", "/webhooks", {
      url: `${base}/always-500`,
      kinds: ["request.declined"],
    });
    const { endpoint } = created.json() as { endpoint: { id: string } };
    await declined(orgA, "x");
    for (let i = 0; i < MAX_WEBHOOK_ATTEMPTS + 2; i++) {
      offsetMs += 13 * 3_600_000;
      await deliverDueWebhooks(t.deps);
    }
    const deliveries = (await api("GET", "/webhooks"))
      .json()
      .deliveries.filter((item: { endpointId: string }) => item.endpointId === endpoint.id);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      state: "failed",
      attempts: MAX_WEBHOOK_ATTEMPTS,
      lastStatusCode: 500,
      nextAttemptAt: null,
    });
    expect(deliveries[0].tries).toHaveLength(MAX_WEBHOOK_ATTEMPTS);
    expect(receiver.received.filter((item) => item.path === "/always-500")).toHaveLength(
      MAX_WEBHOOK_ATTEMPTS,
    );
  });

  it("pings, turns off and deletes an endpoint", async () => {
    const created = await api("POST", "/webhooks", { url: `${base}/ping`, kinds: ["request.sent"] });
    const { endpoint } = created.json() as { endpoint: { id: string } };
    const ping = await api("POST", `/webhooks/${endpoint.id}/ping`);
    expect(ping.statusCode).toBe(200);
    expect(ping.json()).toMatchObject({ kind: "ping", state: "delivered", tries: [{ statusCode: 200 }] });
    const off = await api("PATCH", `/webhooks/${endpoint.id}`, { enabled: false });
    expect(off.json()).toMatchObject({ enabled: false });
    expect((await api("DELETE", `/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    expect((await api("DELETE", `/webhooks/${endpoint.id}`)).statusCode).toBe(404);

    // Each change is in the audit log, naming the endpoint.
    const audit = await api("GET", "/audit-log");
    expect(audit.statusCode).toBe(200);
    const actions = (audit.json().entries as { action: string; subjectId: string | null }[])
      .filter((entry) => entry.subjectId === endpoint.id)
      .map((entry) => entry.action);
    expect(actions.sort()).toEqual([
      "webhook.endpoint_changed",
      "webhook.endpoint_created",
      "webhook.endpoint_deleted",
    ]);
  });
});
