import type { z } from "zod";
import {
  type ErrorDetail,
  ErrorEnvelopeSchema,
  type RouteContract,
  type Routes,
  routes,
} from "../../contracts/index.ts";
import { ApiError } from "./api-error.ts";

type RouteName = keyof Routes;
type Schema<R, K extends string> = R extends { [key in K]: infer S extends z.ZodType } ? S : undefined;

/** The arguments of a call, derived from the route's params, query and body schemas. */
export type CallInput<N extends RouteName> = (Schema<Routes[N], "params"> extends z.ZodType
  ? { params: z.input<Schema<Routes[N], "params">> }
  : { params?: never }) &
  (Schema<Routes[N], "query"> extends z.ZodType
    ? { query?: z.input<Schema<Routes[N], "query">> }
    : { query?: never }) &
  (Schema<Routes[N], "body"> extends z.ZodType
    ? { body: z.input<Schema<Routes[N], "body">> }
    : { body?: never });

/** What a call resolves to: the route's response schema's output. */
export type CallOutput<N extends RouteName> = z.output<Routes[N]["response"]>;

/** Routes whose input is entirely optional may be called without a second argument. */
// biome-ignore lint/complexity/noBannedTypes: `{}` is exactly "an input with nothing required"
type Args<N extends RouteName> = {} extends CallInput<N> ? [input?: CallInput<N>] : [input: CallInput<N>];

export interface ApiClientOptions {
  /** The CSRF token of the current session (from the last Me the server sent), if any. */
  getCsrfToken: () => string | undefined;
  /** Parse every response with its schema: on in development, so drift from the contract shows at once. */
  validateResponses: boolean;
  /** Fetch a fresh CSRF token after a `csrf_failed` (the session changed in another tab); retried once. */
  refreshCsrfToken?: () => Promise<string | undefined>;
  fetch?: typeof fetch;
}

export interface ApiClient {
  call<N extends RouteName>(name: N, ...args: Args<N>): Promise<CallOutput<N>>;
}

/** Fills `:param` segments of a route path, encoding each value. */
export function buildPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, key: string) => {
    const value = params?.[key];
    if (value === undefined || value === null || value === "") {
      throw new Error(`Missing path parameter ${key} for ${path}`);
    }
    return encodeURIComponent(String(value));
  });
}

function buildQuery(query: Record<string, unknown> | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // A list is the key repeated (?skill=a&skill=b): values may hold commas ("London, UK").
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && item !== "") search.append(key, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * A client whose calls are typed from the route table in src/contracts: the name picks the method
 * and path, the input is checked against the route's schemas, the result is the response type.
 * Errors come back as `ApiError` carrying the server's envelope.
 */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));

  async function call(name: RouteName, input: CallInput<RouteName> = {}): Promise<unknown> {
    try {
      return await attempt(name, input);
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "csrf_failed" || !options.refreshCsrfToken)
        throw error;
      await options.refreshCsrfToken();
      return attempt(name, input);
    }
  }

  async function attempt(name: RouteName, input: CallInput<RouteName>): Promise<unknown> {
    const contract: RouteContract = routes[name];
    const { params, query, body } = input as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    const url = buildPath(contract.path, params) + buildQuery(query);
    const headers: Record<string, string> = { Accept: "application/json" };
    if (contract.method !== "GET") {
      const token = options.getCsrfToken();
      if (token) headers["X-CSRF-Token"] = token;
    }
    if (body !== undefined) headers["Content-Type"] = "application/json";

    let response: Response;
    try {
      response = await doFetch(url, {
        method: contract.method,
        credentials: "same-origin",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, "network_error", "Could not reach Trellis. Check your connection and try again.");
    }

    if (!response.ok) throw await errorFrom(response);
    if (response.status === 204) return null;
    const data: unknown = await response.json();
    if (!options.validateResponses) return data;
    const parsed = contract.response.safeParse(data);
    if (!parsed.success) {
      console.error(`Response of ${name} does not match its contract`, parsed.error.issues, data);
      throw new ApiError(response.status, "contract_mismatch", "The server sent an unexpected response.");
    }
    return parsed.data;
  }

  return { call: call as ApiClient["call"] };
}

async function errorFrom(response: Response): Promise<ApiError> {
  let data: unknown;
  try {
    data = await response.json();
  } catch {
    data = undefined;
  }
  const envelope = ErrorEnvelopeSchema.safeParse(data);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    const retryAfter = Number(response.headers.get("Retry-After")) || undefined;
    return new ApiError(response.status, code, message, details ?? [], retryAfter);
  }
  return new ApiError(
    response.status,
    "internal_error",
    `Something went wrong (HTTP ${response.status}). Please try again.`,
  );
}

export type { ErrorDetail };

/** The request body type of a route. */
export type BodyOf<N extends RouteName> = CallInput<N> extends { body: infer B } ? B : never;
