import WebSocket from "ws";
import type { ServerMessage } from "../../contracts/realtime.ts";

/** A test's socket: what it heard, in order, and a way to wait for the next message or the close. */
export interface TestSocket {
  ws: WebSocket;
  heard: ServerMessage[];
  next(match?: (message: ServerMessage) => boolean, timeoutMs?: number): Promise<ServerMessage>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
}

/** Opens a realtime socket; rejects with the HTTP status when the upgrade is refused. */
export function openSocket(url: string, headers: Record<string, string>): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const heard: ServerMessage[] = [];
    const waiting: { match: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
    let seen = 0;
    const closed = new Promise<{ code: number; reason: string }>((done) =>
      ws.on("close", (code, reason) => done({ code, reason: reason.toString() })),
    );
    ws.on("message", (data) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      heard.push(message);
      const index = waiting.findIndex((w) => w.match(message));
      if (index >= 0) {
        const [waiter] = waiting.splice(index, 1);
        waiter?.resolve(message);
      }
    });
    ws.on("unexpected-response", (_request, response) => reject(new Error(`status ${response.statusCode}`)));
    ws.on("error", reject);
    ws.on("open", () =>
      resolve({
        ws,
        heard,
        closed,
        send: (message) => ws.send(typeof message === "string" ? message : JSON.stringify(message)),
        next(match = () => true, timeoutMs = 5000) {
          const earlier = heard.slice(seen).find(match);
          if (earlier) {
            seen = heard.indexOf(earlier) + 1;
            return Promise.resolve(earlier);
          }
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error("no such message in time")), timeoutMs);
            waiting.push({
              match,
              resolve: (message) => {
                clearTimeout(timer);
                seen = heard.length;
                done(message);
              },
            });
          });
        },
      }),
    );
  });
}
