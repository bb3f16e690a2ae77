// The settings schema, without the server-only guard so scripts can share its defaults.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const envSchema = z.object({
  DATABASE_URL: z.url({ message: "DATABASE_URL must be a postgresql:// URL (start the app with `npm run dev` to get the embedded database)" }),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: bool,
  STORAGE_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).default("aam-onboard-uploads"),
  SANDBOX_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/).default("aam-sandbox"),
  SANDBOX_PREFIX: z.string().regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/).default("inbound"),
  MAX_UPLOAD_BYTES: z.coerce.number().int().positive().default(5 * 1024 ** 3),
  // AAM processes compressed parts of 200-300 MB fastest (spec §2.4 "Optimal size"): the middle of that band.
  MAX_PART_BYTES: z.coerce.number().int().min(1024).default(250_000_000),
  // The first admin, created on first start when there is no account (lib/server/auth/bootstrap-admin.ts).
  ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email()).default("admin@example.com"),
  // When set, that admin's password is (re)set to it on every start; otherwise a random one is printed once.
  ADMIN_PASSWORD: z.string().min(12, "ADMIN_PASSWORD must have at least 12 characters").optional(),
  // 32 bytes, base64: the key that encrypts environment credentials at rest. Without it the server
  // creates one in DATA_DIR/credentials.key (mode 0600) on first use.
  CREDENTIALS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "CREDENTIALS_KEY must be 32 random bytes, base64-encoded")
    .optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  // Receipt e-mail (issue 8). Without SMTP_URL receipts stay in the app; smtps:// for implicit TLS.
  SMTP_URL: z.url({ protocol: /^smtps?$/, message: "SMTP_URL must be smtp://[user:pass@]host:port or smtps://…" }).optional(),
  MAIL_FROM: z.string().min(3).default("AAM Onboard <receipts@localhost>"),
  // When the local processor looks for new inbound files on its own (cron, UTC); AAM processes daily.
  PROCESSING_CRON: z.string().regex(/^\S+( \S+){4}$/, "PROCESSING_CRON must be a five-field cron expression").default("0 14 * * *"),
  // How many proxies in front of the app append to X-Forwarded-For ("true" = 1). 0: the header is not
  // trusted, and per-client limits fall back to one bucket shared by all clients (route handlers do not
  // see the socket address).
  // The app's public origin (scheme, host, port), e.g. https://onboard.example.com: what invitation links
  // use, and what a server action's or mutation's Origin must equal. Unset: the address the client
  // reached (the Host header), and X-Forwarded-Host only under TRUST_PROXY.
  APP_URL: z
    .url({ protocol: /^https?$/, message: "APP_URL must be an http:// or https:// origin, e.g. https://onboard.example.com" })
    .transform((u) => new URL(u).origin)
    .optional(),
  TRUST_PROXY: z
    .enum(["true", "false"])
    .transform((v) => (v === "true" ? 1 : 0))
    .or(z.coerce.number().int().min(0).max(10))
    .default(0),
  // The ID-sync endpoint's token bucket per client: sustained requests per second, and the burst above it.
  // ID_SYNC_RATE=0 turns the limit off.
  ID_SYNC_RATE: z.coerce.number().min(0).default(50),
  ID_SYNC_BURST: z.coerce.number().int().min(1).default(100),
  // How long a worker's claim on a submission lasts without renewal (renewed every third of it). A
  // worker that dies is noticed this long after, and another takes the submission over.
  LEASE_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
});

