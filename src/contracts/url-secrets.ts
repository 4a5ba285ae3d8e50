import { routes } from "./routes.ts";

/**
 * Secrets in URLs, declared once so that logs can never show them.
 *
 * The one rule: a path parameter named in SECRET_PATH_PARAMS (and a query parameter named in
 * SECRET_QUERY_PARAMS) is a secret, wherever it appears. Every other path parameter is an
 * identifier and must end in `Id`, or a value from a closed list named in NAMED_PATH_PARAMS;
 * tests walk the contract route table and the web app's page
 * paths and fail on a parameter that is neither, so a new route cannot slip a secret past the
 * log redaction under another name.
 */
export const SECRET_PATH_PARAMS: readonly string[] = ["token"];
/** Path parameters that take a value from a closed list (an enum the route validates): not secret. */
export const NAMED_PATH_PARAMS: readonly string[] = ["kind"];
export const SECRET_QUERY_PARAMS: readonly string[] = ["token", "code"];

/**
 * Pages of the web app that carry a secret in their path: the links the server emails or hands
 * out. The web router takes these paths from here, so the server (which never imports the web
 * app) can redact them. Reset and verification pages carry their token in `?token=` instead.
 */
export const secretPagePaths = {
  acceptInvitation: "/invitations/:token",
  join: "/join/:token",
} as const;

export type ParamKind = "secret" | "identifier" | "named" | "unclassified";

export function paramKind(name: string): ParamKind {
  if (SECRET_PATH_PARAMS.includes(name)) return "secret";
  if (NAMED_PATH_PARAMS.includes(name)) return "named";
  return /Id$/.test(name) ? "identifier" : "unclassified";
}

/** The `:name` parameters of a route pattern, in order. */
export function pathParams(pattern: string): string[] {
  return [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
}

/** Every route pattern the server answers or the web app serves, API routes first. */
export function knownPathPatterns(): string[] {
  return [...Object.values(routes).map((contract) => contract.path), ...Object.values(secretPagePaths)];
}

interface SecretPattern {
  /** Literal segments (lower case) or null where a parameter goes. */
  segments: (string | null)[];
  /** Positions of the secret parameters. */
  secret: number[];
}

function compile(pattern: string): SecretPattern | null {
  const parts = pattern.split("/").filter((part) => part !== "");
  const segments = parts.map((part) => (part.startsWith(":") ? null : part.toLowerCase()));
  const secret = parts.flatMap((part, index) =>
    part.startsWith(":") && paramKind(part.slice(1)) === "secret" ? [index] : [],
  );
  return secret.length > 0 ? { segments, secret } : null;
}

let compiled: SecretPattern[] | null = null;
function secretPatterns(): SecretPattern[] {
  compiled ??= knownPathPatterns().flatMap((pattern) => compile(pattern) ?? []);
  return compiled;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

const secretQuery = new RegExp(`([?&](?:${SECRET_QUERY_PARAMS.join("|")})=)[^&#]*`, "gi");

/**
 * A URL as it may be logged: every secret path segment of a known secret-bearing pattern and
 * every secret query value replaced by `[redacted]`. Matching is by segment, ignores case, empty
 * segments and trailing segments (the web app serves `/JOIN//x/extra` too), so any spelling that
 * reaches a page or route is masked.
 */
export function redactUrl(url: string): string {
  const queryAt = url.search(/[?#]/);
  const path = queryAt === -1 ? url : url.slice(0, queryAt);
  const rest = queryAt === -1 ? "" : url.slice(queryAt);
  const parts = path.split("/").filter((part) => part !== "");
  const masked = new Set<number>();
  for (const pattern of secretPatterns()) {
    if (parts.length < pattern.segments.length) continue;
    const matches = pattern.segments.every((literal, index) => {
      if (literal === null) return true;
      return safeDecode(parts[index] as string) === literal;
    });
    if (matches) for (const index of pattern.secret) masked.add(index);
  }
  const redactedPath =
    masked.size === 0
      ? path
      : `/${parts.map((part, index) => (masked.has(index) ? "[redacted]" : part)).join("/")}`;
  return redactedPath + rest.replace(secretQuery, "$1[redacted]");
}
