/**
 * The ceiling for GET /api/me: a bare Fastify route doing the same work (parse the cookie, HMAC
 * the token, look up the session, the user and the memberships on the same PostgreSQL database)
 * as named prepared statements, with no validation, serialisation schemas, CSRF, security headers
 * or logging.
 * Run as a child process by run.ts: `tsx bare-session-server.ts <DATABASE_URL> <PORT> <SECRET>`.
 */
import { createHmac } from "node:crypto";
import Fastify from "fastify";
import pg from "pg";

const [databaseUrl, port, secret] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const app = Fastify();

app.get("/api/me", async (request, reply) => {
  const token = /trellis_session=([^;]+)/.exec(request.headers.cookie ?? "")?.[1];
  if (!token) return reply.status(401).send({ error: "not signed in" });
  const hash = createHmac("sha256", secret).update(token).digest("base64url");
  const { rows } = await pool.query({
    name: "bare_session",
    text: "select s.user_id, s.csrf_token, u.email, u.name from sign_in_sessions s join users u on u.id = s.user_id where s.token_hash = $1 and s.expires_at > now()",
    values: [hash],
  });
  if (rows.length === 0) return reply.status(401).send({ error: "not signed in" });
  const memberships = await pool.query({
    name: "bare_memberships",
    text: "select m.org_id, o.name, m.role from memberships m join organisations o on o.id = m.org_id where m.user_id = $1 and m.status = 'active'",
    values: [rows[0].user_id],
  });
  return { user: rows[0], memberships: memberships.rows, csrfToken: rows[0].csrf_token };
});

await app.listen({ port: Number(port), host: "127.0.0.1" });
console.log("ready");
