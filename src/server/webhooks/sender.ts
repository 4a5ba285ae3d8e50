import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import { type LookupFunction, isIP } from "node:net";
import { lookup as dnsLookup } from "node:dns";
import { rootCertificates } from "node:tls";
import type { Config } from "../config.ts";
import { isPrivateAddress } from "../calendar/ssrf-guard.ts";

/** What one try got back. */
export interface TryResult {
  statusCode: number | null;
  /** The start of the answer's body. */
  responseBody: string;
  error: string | null;
  durationMs: number;
}

/** Kept of an answer's body (and read of it at most). */
export const RESPONSE_BODY_LIMIT = 1_000;

const caCache = new Map<string, string[]>();
/** The public roots plus the deployment's extra CA file (TRELLIS_WEBHOOKS_CA_FILE), read once. */
function trustedCas(caFile: string | null): string[] | undefined {
  if (!caFile) return undefined;
  let cas = caCache.get(caFile);
  if (!cas) {
    cas = [...rootCertificates, readFileSync(caFile, "utf8")];
    caCache.set(caFile, cas);
  }
  return cas;
}

/**
 * Resolves like the system does, then refuses private addresses unless allowed: the check is made
 * on the address the socket connects to, so a name that resolves inward later (DNS rebinding) is
 * refused too.
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 4);
      const list = addresses as unknown as { address: string; family: number }[];
      if (!allowPrivate && list.some((entry) => isPrivateAddress(entry.address))) {
        return callback(
          Object.assign(new Error(`${hostname} resolves to a private address`), { code: "EPRIVATE" }),
          "",
          4,
        );
      }
      if ((options as { all?: boolean }).all) return (callback as (e: null, a: unknown) => void)(null, list);
      const first = list[0];
      if (!first)
        return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), "", 4);
      callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs one signed body; never follows redirects (a 3xx is an answer like any other, so not a
 * success). Resolves with what happened, never throws.
 */
export function postWebhook(
  config: Pick<Config, "webhooks">,
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<TryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ statusCode: null, responseBody: "", error: "Not a valid URL.", durationMs: 0 });
      return;
    }
    const allowPrivate = config.webhooks.allowPrivate;
    const host = target.hostname.replace(/^\[|\]$/g, "");
    if (!allowPrivate && (target.protocol !== "https:" || (isIP(host) && isPrivateAddress(host)))) {
      resolve({
        statusCode: null,
        responseBody: "",
        error: "Refused: only https on public addresses.",
        durationMs: 0,
      });
      return;
    }
    const client = target.protocol === "https:" ? https : http;
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Trellis-Webhooks/1",
          "content-length": Buffer.byteLength(body).toString(),
          ...headers,
        },
        timeout: config.webhooks.timeoutMs,
        lookup: guardedLookup(allowPrivate),
        ca: target.protocol === "https:" ? trustedCas(config.webhooks.caFile) : undefined,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < RESPONSE_BODY_LIMIT) chunks.push(chunk);
          size += chunk.length;
          if (size >= RESPONSE_BODY_LIMIT) response.destroy();
        });
        const finish = () =>
          resolve({
            statusCode: response.statusCode ?? null,
            responseBody: Buffer.concat(chunks).toString("utf8").slice(0, RESPONSE_BODY_LIMIT),
            error: null,
            durationMs: elapsed(),
          });
        response.on("end", finish);
        response.on("close", finish);
        response.on("error", finish);
      },
    );
    request.on("timeout", () =>
      request.destroy(new Error(`No answer within ${config.webhooks.timeoutMs} ms.`)),
    );
    request.on("error", (error: NodeJS.ErrnoException) =>
      resolve({
        statusCode: null,
        responseBody: "",
        error: (error.code ? `${error.code}: ` : "") + error.message.slice(0, 300),
        durationMs: elapsed(),
      }),
    );
    request.end(body);
  });
}
