import { timingSafeEqual } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import type { ServerDeps } from "../deps.ts";
import { CONSUMER_NAMES } from "../events/consumer-names.ts";

/** Latency buckets (seconds) of the request histogram. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface RouteSeries {
  /** Answers by status class: 2xx, 3xx, 4xx, 5xx. */
  byStatus: Map<string, number>;
  /** Per bucket (not cumulative; summed when written), then +Inf. */
  buckets: number[];
  sum: number;
  count: number;
}

/**
 * Per-instance request counters and a latency histogram keyed by the route's pattern
 * (`/api/orgs/:orgId/...`, never the raw URL: no tokens in labels, one series per route), written
 * in the Prometheus text format by hand (no dependency). Recording is a map lookup and a few
 * additions per answered request.
 */
export class RequestMetrics {
  private readonly series = new Map<string, RouteSeries>();

  observe(method: string, route: string, statusCode: number, seconds: number): void {
    const key = `${method} ${route}`;
    let entry = this.series.get(key);
    if (!entry) {
      entry = { byStatus: new Map(), buckets: new Array(BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      this.series.set(key, entry);
    }
    const status = `${Math.floor(statusCode / 100)}xx`;
    entry.byStatus.set(status, (entry.byStatus.get(status) ?? 0) + 1);
    let bucket = 0;
    while (bucket < BUCKETS.length && seconds > (BUCKETS[bucket] as number)) bucket++;
    entry.buckets[bucket] = (entry.buckets[bucket] as number) + 1;
    entry.sum += seconds;
    entry.count += 1;
  }

  write(lines: string[]): void {
    lines.push(
      "# HELP trellis_http_requests_total Answered HTTP requests by route pattern and status class.",
    );
    lines.push("# TYPE trellis_http_requests_total counter");
    for (const [key, entry] of this.series) {
      const [method, route] = split(key);
      for (const [status, count] of entry.byStatus) {
        lines.push(
          `trellis_http_requests_total{method="${method}",route="${labelValue(route)}",status="${status}"} ${count}`,
        );
      }
    }
    lines.push("# HELP trellis_http_request_duration_seconds Time to answer, by route pattern.");
    lines.push("# TYPE trellis_http_request_duration_seconds histogram");
    for (const [key, entry] of this.series) {
      const [method, route] = split(key);
      const labels = `method="${method}",route="${labelValue(route)}"`;
      let cumulative = 0;
      BUCKETS.forEach((le, index) => {
        cumulative += entry.buckets[index] as number;
        lines.push(`trellis_http_request_duration_seconds_bucket{${labels},le="${le}"} ${cumulative}`);
      });
      lines.push(`trellis_http_request_duration_seconds_bucket{${labels},le="+Inf"} ${entry.count}`);
      lines.push(`trellis_http_request_duration_seconds_sum{${labels}} ${entry.sum}`);
      lines.push(`trellis_http_request_duration_seconds_count{${labels}} ${entry.count}`);
    }
  }
}

function split(key: string): [string, string] {
  const at = key.indexOf(" ");
  return [key.slice(0, at), key.slice(at + 1)];
}
const labelValue = (value: string) => value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Rows of a raw query, on PGlite (`rows`) or node-postgres alike. */
async function rows<T>(deps: Pick<ServerDeps, "db">, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await deps.db.execute(query)) as unknown as { rows?: T[] } | T[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

/** Gauges read from the database when scraped: shared by every instance. */
async function writeDatabaseGauges(deps: ServerDeps, lines: string[]): Promise<void> {
  const lag = await rows<{ consumer: string; seconds: number | string | null; pending: number | string }>(
    deps,
    sql`select d.consumer, extract(epoch from (${deps.now().toISOString()}::timestamptz - min(e.occurred_at))) as seconds,
               count(*) as pending
          from event_deliveries d join domain_events e on e.id = d.event_id
         where d.state = 'pending' group by d.consumer`,
  );
  lines.push(
    "# HELP trellis_event_lag_seconds Age of the oldest undelivered event, per consumer (0: none waiting).",
  );
  lines.push("# TYPE trellis_event_lag_seconds gauge");
  lines.push("# HELP trellis_event_pending Undelivered events per consumer.");
  lines.push("# TYPE trellis_event_pending gauge");
  for (const consumer of CONSUMER_NAMES) {
    const row = lag.find((entry) => entry.consumer === consumer);
    lines.push(`trellis_event_lag_seconds{consumer="${consumer}"} ${Math.max(0, Number(row?.seconds ?? 0))}`);
    lines.push(`trellis_event_pending{consumer="${consumer}"} ${Number(row?.pending ?? 0)}`);
  }
  lines.push(
    "# HELP trellis_job_queue_depth Jobs waiting (created or retry) or running, per queue (pg-boss).",
  );
  lines.push("# TYPE trellis_job_queue_depth gauge");
  try {
    const jobs = await rows<{ name: string; state: string; count: number | string }>(
      deps,
      sql`select name, case when state = 'active' then 'active' else 'waiting' end as state, count(*) as count
            from pgboss.job where state in ('created', 'retry', 'active') group by 1, 2`,
    );
    for (const job of jobs) {
      lines.push(
        `trellis_job_queue_depth{queue="${labelValue(job.name)}",state="${job.state}"} ${Number(job.count)}`,
      );
    }
  } catch {
    // The queue's tables exist once pg-boss started (after listen): nothing to say before.
  }
}

/**
 * GET /metrics in the Prometheus text format, only when TRELLIS_METRICS_TOKEN is set (off by
 * default) and only with `Authorization: Bearer <token>`. Request metrics are this instance's;
 * event lag and queue depth are the database's (the same from every instance).
 */
export function installMetrics(
  app: FastifyInstance,
  deps: ServerDeps,
  sockets: () => number,
): RequestMetrics | null {
  const token = deps.config.metricsToken;
  if (!token) return null;
  const metrics = new RequestMetrics();
  app.addHook("onResponse", (request, reply, done) => {
    const route = request.routeOptions.url;
    if (route !== "/metrics") {
      metrics.observe(request.method, route ?? "unmatched", reply.statusCode, reply.elapsedTime / 1000);
    }
    done();
  });
  const expected = Buffer.from(`Bearer ${token}`);
  app.get("/metrics", async (request, reply) => {
    const given = Buffer.from(request.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return reply.code(401).header("www-authenticate", "Bearer").send("unauthorised\n");
    }
    const lines: string[] = [];
    metrics.write(lines);
    lines.push("# HELP trellis_websockets_open Open realtime WebSockets on this instance.");
    lines.push("# TYPE trellis_websockets_open gauge");
    lines.push(`trellis_websockets_open ${sockets()}`);
    await writeDatabaseGauges(deps, lines);
    return reply
      .header("content-type", "text/plain; version=0.0.4; charset=utf-8")
      .header("cache-control", "no-store")
      .send(`${lines.join("\n")}\n`);
  });
  return metrics;
}
