import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A real CalDAV server (Debian's radicale) for tests, on a free loopback port in a temp folder. */
export interface Radicale {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  username: string;
  password: string;
  /** The user's home collection, where calendars are made: `${url}/${username}/`. */
  home: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * Starts radicale with htpasswd (plain) auth for one user and waits until it answers. Stop it
 * with `stop()`, which signals its own process id and removes the folder.
 */
export async function startRadicale(
  options: { username?: string; password?: string } = {},
): Promise<Radicale> {
  const username = options.username ?? "alice";
  const password = options.password ?? "secret";
  const dir = await mkdtemp(join(tmpdir(), "trellis-radicale-"));
  await writeFile(join(dir, "users"), `${username}:${password}\n`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    "radicale",
    [
      "--server-hosts",
      `127.0.0.1:${port}`,
      "--storage-filesystem-folder",
      join(dir, "collections"),
      "--auth-type",
      "htpasswd",
      "--auth-htpasswd-filename",
      join(dir, "users"),
      "--auth-htpasswd-encryption",
      "plain",
      "--logging-level",
      "warning",
    ],
    { stdio: ["ignore", "ignore", "pipe"], detached: false },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid !== undefined) {
      process.kill(child.pid, "SIGTERM");
      const timer = setTimeout(
        () => child.pid !== undefined && child.exitCode === null && process.kill(child.pid, "SIGKILL"),
        3000,
      );
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`radicale exited with ${child.exitCode}: ${stderr}`);
    }
    try {
      const response = await fetch(`${url}/.web/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.status < 500) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`radicale did not answer on ${url} within 15 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, username, password, home: `${url}/${username}/`, stop };
}

/** Makes a calendar collection for events in the user's home (MKCALENDAR); returns its URL. */
export async function makeRadicaleCalendar(radicale: Radicale, name: string): Promise<string> {
  const url = `${radicale.home}${name}/`;
  const response = await fetch(url, {
    method: "MKCALENDAR",
    headers: {
      authorization: `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString("base64")}`,
      "content-type": "application/xml; charset=utf-8",
    },
    body: `<?xml version="1.0" encoding="utf-8"?>
<c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop>
<d:displayname>${name}</d:displayname>
<c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set>
</d:prop></d:set></c:mkcalendar>`,
  });
  await response.arrayBuffer();
  if (response.status !== 201) throw new Error(`MKCALENDAR ${url}: ${response.status}`);
  return url;
}

/** PUTs an iCalendar object into a calendar as the user (what their own calendar app would do). */
export async function putRadicaleObject(
  radicale: Radicale,
  href: string,
  ics: string,
): Promise<string | null> {
  const response = await fetch(href, {
    method: "PUT",
    headers: {
      authorization: `Basic ${Buffer.from(`${radicale.username}:${radicale.password}`).toString("base64")}`,
      "content-type": "text/calendar; charset=utf-8",
    },
    body: ics,
  });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`PUT ${href}: ${response.status}`);
  return response.headers.get("etag");
}
