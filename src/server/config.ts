import { resolve } from "node:path";
import { z } from "zod";

/**
 * The only reader of process.env. Every variable is documented in .env.example; the config is
 * validated once at boot and a bad value stops the process with a list of what is wrong.
 */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { error: "must be a postgres:// URL" })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  TRELLIS_DATA_DIR: z.string().min(1).default("./data"),
  TRELLIS_SKIP_MIGRATIONS: z.enum(["0", "1", "true", "false"]).default("0"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { error: "must be an smtp:// or smtps:// URL" })
    .optional(),
  MAIL_FROM: z.string().min(3).default("Trellis <no-reply@trellis.local>"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  TRUST_PROXY: z.enum(["0", "1", "true", "false"]).default("0"),
  RATE_LIMIT_SIGN_IN_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_EMAIL_PER_HOUR: z.coerce.number().int().min(1).default(20),
  TRELLIS_CALENDAR_KEY: z
    .string()
    .refine((value) => /^[A-Za-z0-9+/_-]{43}=?$/.test(value) && Buffer.from(value, "base64").length === 32, {
      error: "must be 32 bytes in base64 (openssl rand -base64 32)",
    })
    .optional(),
  TRELLIS_CALENDAR_ALLOW_PRIVATE: z.enum(["0", "1", "true", "false"]).default("0"),
  TRELLIS_CALDAV_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  TRELLIS_SSO_ALLOW_INSECURE: z.enum(["0", "1", "true", "false"]).default("0"),
  TRELLIS_WEBHOOKS_ALLOW_PRIVATE: z.enum(["0", "1", "true", "false"]).default("0"),
  TRELLIS_WEBHOOKS_CA_FILE: z.string().optional(),
  TRELLIS_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
  TRELLIS_METRICS_TOKEN: z.string().min(16, { error: "must be at least 16 characters" }).optional(),
});

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string; poolSize: number };
  runMigrations: boolean;
  smtpUrl: string | null;
  mailFrom: string;
  logLevel: z.infer<typeof EnvSchema>["LOG_LEVEL"];
  trustProxy: boolean;
  rateLimits: { signInPerMinute: number; emailPerHour: number };
  calendar: {
    /** Key of the calendar secret box (app passwords, feed tokens); null: derived from the instance secret. */
    key: string | null;
    /** Whether CalDAV URLs may point at loopback, private or link-local addresses (self-hosted LANs). */
    allowPrivateAddresses: boolean;
    /** Bound on each CalDAV request. */
    timeoutMs: number;
  };
  sso: {
    /**
     * Whether identity providers may be reached over plain http and on loopback or private
     * addresses (tests and a provider on the LAN). Off: https and public addresses only.
     */
    allowInsecure: boolean;
  };
  webhooks: {
    /** Whether endpoints may be on loopback or private addresses, and plain http (tests, a LAN receiver). */
    allowPrivate: boolean;
    /** A PEM file of extra certificate authorities to trust for endpoints (a private CA). */
    caFile: string | null;
    /** Bound on each delivery try. */
    timeoutMs: number;
  };
  /** GET /metrics (Prometheus) answers only with `Authorization: Bearer <token>`; null: off. */
  metricsToken: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Trellis cannot start; fix these settings:\n  ${problems.join("\n  ")}`);
  }
}

const isTrue = (value: string) => value === "1" || value === "true";

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
  }
  const values = parsed.data;
  const shownHost = values.HOST === "0.0.0.0" || values.HOST === "::" ? "localhost" : values.HOST;
  return {
    port: values.PORT,
    host: values.HOST,
    publicUrl: (values.PUBLIC_URL ?? `http://${shownHost}:${values.PORT}`).replace(/\/$/, ""),
    database: values.DATABASE_URL
      ? { kind: "postgres", url: values.DATABASE_URL, poolSize: values.DATABASE_POOL_SIZE }
      : { kind: "pglite", dataDir: resolve(values.TRELLIS_DATA_DIR) },
    runMigrations: !isTrue(values.TRELLIS_SKIP_MIGRATIONS),
    smtpUrl: values.SMTP_URL ?? null,
    mailFrom: values.MAIL_FROM,
    logLevel: values.LOG_LEVEL,
    trustProxy: isTrue(values.TRUST_PROXY),
    rateLimits: {
      signInPerMinute: values.RATE_LIMIT_SIGN_IN_PER_MINUTE,
      emailPerHour: values.RATE_LIMIT_EMAIL_PER_HOUR,
    },
    calendar: {
      key: values.TRELLIS_CALENDAR_KEY ?? null,
      allowPrivateAddresses: isTrue(values.TRELLIS_CALENDAR_ALLOW_PRIVATE),
      timeoutMs: values.TRELLIS_CALDAV_TIMEOUT_MS,
    },
    sso: { allowInsecure: isTrue(values.TRELLIS_SSO_ALLOW_INSECURE) },
    webhooks: {
      allowPrivate: isTrue(values.TRELLIS_WEBHOOKS_ALLOW_PRIVATE),
      caFile: values.TRELLIS_WEBHOOKS_CA_FILE ?? null,
      timeoutMs: values.TRELLIS_WEBHOOK_TIMEOUT_MS,
    },
    metricsToken: values.TRELLIS_METRICS_TOKEN ?? null,
  };
}
