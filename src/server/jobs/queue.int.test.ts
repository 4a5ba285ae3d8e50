import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { testDatabaseKind } from "../../db/testing/test-database.ts";
import { createTestApp, type TestApp } from "../testing/test-app.ts";
import { defineJob } from "./define-job.ts";
import { createJobQueue, type JobQueue } from "./queue.ts";

async function until(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("job queue (pg-boss)", () => {
  let t: TestApp;
  const queues: JobQueue[] = [];
  const runs: { job: string; key: string; instance: number }[] = [];
  let failures = 0;

  const echo = (instance: number) =>
    defineJob({
      name: "test.echo",
      schema: z.object({ key: z.string() }),
      async handler(_deps, data) {
        runs.push({ job: "echo", key: data.key, instance });
        return data.key === "gone" ? "skipped" : "done";
      },
    });
  const broken = defineJob({
    name: "test.broken",
    schema: z.object({}),
    retry: { limit: 2, delaySeconds: 1, backoff: false },
    async handler() {
      failures++;
      throw new Error("consumer down");
    },
  });

  beforeAll(async () => {
    t = await createTestApp();
    for (const instance of [1, 2]) {
      // Two queues on one database stand for two server instances (PGlite: two workers on one file).
      const queue = createJobQueue(t.database.queueConnection, [echo(instance), broken], {
        pollingIntervalSeconds: 0.5,
      });
      queues.push(queue);
      await queue.start(t.deps);
    }
  }, 60_000);
  afterAll(async () => {
    for (const queue of queues) await queue.stop(2_000);
    await t.close();
  });

  it("runs a sent job once, with its data checked against the schema", async () => {
    const [first] = queues;
    if (!first) throw new Error("no queue");
    await first.send(echo(1), { key: "now" });
    await until(() => runs.some((run) => run.key === "now"));
    await expect(first.send(echo(1), { key: 3 } as never)).rejects.toThrow();
  });

  it(`a job due at a time runs once across two instances, not before its time (${testDatabaseKind()})`, async () => {
    const [first, second] = queues;
    if (!first || !second) throw new Error("no queue");
    const at = new Date(Date.now() + 1_500);
    await first.sendAt(echo(1), { key: "at-time" }, at);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(runs.filter((run) => run.key === "at-time")).toHaveLength(0);
    await until(() => runs.some((run) => run.key === "at-time"));
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(runs.filter((run) => run.key === "at-time")).toHaveLength(1);
    expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  });

  it("a handler that throws is retried, then the job is failed (kept in the queue's table)", async () => {
    const [first] = queues;
    if (!first) throw new Error("no queue");
    await first.send(broken, {});
    await until(() => failures >= 3, 30_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(failures).toBe(3);
  });

  it("refuses a job it does not know", async () => {
    const [first] = queues;
    const stranger = defineJob({ name: "test.stranger", schema: z.object({}), handler: async () => "done" });
    await expect(first?.send(stranger, {})).rejects.toThrow(/not registered/);
  });
});
