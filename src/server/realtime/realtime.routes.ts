import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { WebSocket } from "ws";
import {
  CLOSE_CODES,
  ClientMessageSchema,
  MAX_TOPICS_PER_SOCKET,
  parseTopic,
  REALTIME_PATH,
} from "../../contracts/realtime.ts";
import type { ServerDeps } from "../deps.ts";
import { AppError } from "../http/app-error.ts";
import { loadSession } from "../http/session-cookie.ts";
import { type Listener, mayHear } from "./authorise-topic.ts";
import { RealtimeHub } from "./realtime-hub.ts";

/** One socket per tab: more than this many at once for one person on one instance is refused (429). */
export const MAX_SOCKETS_PER_PERSON = 20;

/** How often each socket is pinged, and its session and memberships read again. */
const CHECK_INTERVAL_MS = 30_000;

interface SocketState {
  listener: Listener;
  request: FastifyRequest;
  /** Messages are handled one after another, in the order they came. */
  queue: Promise<void>;
  alive: boolean;
}

/**
 * Whether the upgrade comes from our own pages: browsers send Origin on every WebSocket handshake,
 * and cookies ride along from any site (CORS does not apply), so a foreign or missing Origin is
 * refused. Ours is the public URL's origin, or the origin of the Host the request was sent to.
 */
export function isOwnOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string,
): boolean {
  if (!origin) return false;
  try {
    const url = new URL(origin);
    return url.origin === new URL(publicUrl).origin || (host !== undefined && url.host === host);
  } catch {
    return false;
  }
}

/**
 * GET /api/realtime: one WebSocket per tab. The session cookie is checked at the upgrade (401
 * without one, 403 from a foreign Origin); then the tab subscribes to topics, each authorised as
 * the API would authorise reading the thing. A bad message closes that socket with a reason.
 */
export async function registerRealtimeRoutes(app: FastifyInstance, deps: ServerDeps): Promise<RealtimeHub> {
  await app.register(websocket, { options: { maxPayload: 16_384 } });
  const hub = new RealtimeHub(deps.changes);
  const states = new Map<WebSocket, SocketState>();

  const close = (socket: WebSocket, code: number, reason: string) => {
    hub.remove(socket);
    states.delete(socket);
    socket.close(code, reason);
  };

  const authorise = async (state: SocketState, topics: readonly string[]) => {
    const allowed: string[] = [];
    const refused: string[] = [];
    for (const topic of topics) {
      const parsed = parseTopic(topic);
      if (parsed && (await mayHear(deps.repos, state.listener, parsed.kind, parsed.id))) allowed.push(topic);
      else refused.push(topic);
    }
    return { allowed, refused };
  };

  const handle = async (socket: WebSocket, state: SocketState, raw: string) => {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return close(socket, CLOSE_CODES.badMessage, "Invalid JSON.");
    }
    const parsed = ClientMessageSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join(".") || "message";
      return close(socket, CLOSE_CODES.badMessage, `${field}: ${issue?.message ?? "invalid"}`.slice(0, 120));
    }
    const { type, topics } = parsed.data;
    const unknown = topics.find((topic) => !parseTopic(topic));
    if (unknown !== undefined)
      return close(socket, CLOSE_CODES.badMessage, `Unknown topic: ${unknown.slice(0, 80)}`);
    if (type === "unsubscribe") return hub.unsubscribe(socket, topics);
    state.listener.memberships = await deps.repos.organisations.membershipsOf(state.listener.userId);
    if (!states.has(socket)) return;
    const fresh = topics.filter((topic) => !hub.topics(socket).has(topic));
    if (hub.topics(socket).size + fresh.length > MAX_TOPICS_PER_SOCKET)
      return close(socket, CLOSE_CODES.badMessage, `topics: at most ${MAX_TOPICS_PER_SOCKET} per socket`);
    const { allowed, refused } = await authorise(state, fresh);
    if (!states.has(socket)) return;
    hub.subscribe(socket, allowed);
    hub.send(socket, { type: "subscribed", topics: topics.filter((t) => !refused.includes(t)), refused });
  };

  /** Every socket: still answering pings? Session still valid? Topics still allowed? */
  const check = async (socket: WebSocket, state: SocketState) => {
    if (!state.alive) return socket.terminate();
    state.alive = false;
    socket.ping();
    const auth = await loadSession(deps, state.request);
    if (!states.has(socket)) return;
    if (!auth || auth.userId !== state.listener.userId)
      return close(socket, CLOSE_CODES.signedOut, "Signed out.");
    const before = JSON.stringify(state.listener.memberships.map((m) => [m.orgId, m.role]));
    state.listener.memberships = await deps.repos.organisations.membershipsOf(state.listener.userId);
    if (JSON.stringify(state.listener.memberships.map((m) => [m.orgId, m.role])) === before) return;
    const { refused } = await authorise(state, [...hub.topics(socket)]);
    hub.unsubscribe(socket, refused);
  };
  const timer = setInterval(() => {
    for (const [socket, state] of states) {
      state.queue = state.queue
        .then(() => check(socket, state))
        .catch((error) => {
          app.log.warn({ err: error }, "realtime socket check failed");
        });
    }
  }, CHECK_INTERVAL_MS);
  timer.unref();

  app.addHook("onClose", async () => {
    clearInterval(timer);
    hub.close();
    states.clear();
  });

  app.get(
    REALTIME_PATH,
    {
      websocket: true,
      preValidation: async (request) => {
        if (!request.auth) throw new AppError("not_signed_in", "Sign in to receive live updates.");
        if (!isOwnOrigin(request.headers.origin, request.headers.host, deps.config.publicUrl))
          throw new AppError("forbidden", "Live updates are only served to Trellis's own pages.");
        const userId = request.auth.userId;
        let open = 0;
        for (const state of states.values()) if (state.listener.userId === userId) open++;
        if (open >= MAX_SOCKETS_PER_PERSON)
          throw new AppError("rate_limited", `At most ${MAX_SOCKETS_PER_PERSON} live connections at once.`);
      },
    },
    (socket, request) => {
      const auth = request.auth;
      if (!auth) return socket.close(CLOSE_CODES.signedOut, "Signed out.");
      const state: SocketState = {
        listener: { userId: auth.userId, memberships: [] },
        request,
        queue: Promise.resolve(),
        alive: true,
      };
      states.set(socket, state);
      hub.add(socket);
      socket.on("pong", () => {
        state.alive = true;
      });
      socket.on("message", (data, isBinary) => {
        if (isBinary) return close(socket, CLOSE_CODES.badMessage, "Binary messages are not accepted.");
        const raw = Array.isArray(data) ? Buffer.concat(data).toString() : data.toString();
        state.queue = state.queue
          .then(() => handle(socket, state, raw))
          .catch((error) => {
            request.log.warn({ err: error }, "realtime message failed");
            if (states.has(socket)) close(socket, 1011, "Server error; reconnect.");
          });
      });
      socket.on("close", () => {
        hub.remove(socket);
        states.delete(socket);
      });
      socket.on("error", () => {});
    },
  );
  return hub;
}
