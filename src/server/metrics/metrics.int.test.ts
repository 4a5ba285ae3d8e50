import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, setUpOwner, type TestApp } from "../testing/test-app.ts";

const TOKEN = "metrics-token-for-tests-0123456789";

describe("GET /metrics", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ metricsToken: TOKEN });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("answers only with the bearer token", async () => {
    expect((await t.app.inject({ method: "GET", url: "/metrics" })).statusCode).toBe(401);
    const wrong = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: "Bearer nope" },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it("counts requests by route pattern (never the raw URL) with latency, event lag, queue depth and sockets", async () => {
    const owner = await setUpOwner(t.app);
    const orgId = owner.me.currentOrgId as string;
    for (let i = 0; i < 3; i++) {
      await t.app.inject({ method: "GET", url: `/api/orgs/${orgId}/webhooks`, headers: owner.headers });
    }
    await t.app.inject({ method: "GET", url: "/api/invitations/secret-token-value-0123456789abcdef" });
    const response = await t.app.inject({
      method: "GET",
      url: "/metrics",
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/plain");
    const text = response.body;
    expect(text).toContain(
      'trellis_http_requests_total{method="GET",route="/api/orgs/:orgId/webhooks",status="2xx"} 3',
    );
    expect(text).toContain(
      'trellis_http_request_duration_seconds_count{method="GET",route="/api/orgs/:orgId/webhooks"} 3',
    );
    expect(text).toMatch(
      /trellis_http_request_duration_seconds_bucket\{method="GET",route="\/api\/orgs\/:orgId\/webhooks",le="\+Inf"\} 3/,
    );
    expect(text).not.toContain(orgId);
    expect(text).not.toContain("secret-token-value");
    expect(text).toMatch(/trellis_event_lag_seconds\{consumer="notifications"\} [0-9.]+/);
    expect(text).toContain("trellis_websockets_open 0");
    expect(text).toContain("# TYPE trellis_job_queue_depth gauge");
  });

  it("is not served without a token configured", async () => {
    const off = await createTestApp();
    try {
      const response = await off.app.inject({
        method: "GET",
        url: "/metrics",
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
