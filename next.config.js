// @ts-check
// Security headers on every response (pages, route handlers, /_next/static, the ID-sync pixel). The CSP
// is the one Next's guide gives for apps without nonces (node_modules/next/dist/docs/01-app/02-guides/
// content-security-policy.md, "Without Nonces"): the App Router's inline bootstrap needs 'unsafe-inline',
// and React needs 'unsafe-eval' only in development, for its server error stacks. Nonces would make
// every page dynamic; nothing here loads third-party code, so 'self' already shuts out injected sources.
const isDev = process.env.NODE_ENV === "development";

const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'" + (isDev ? " 'unsafe-eval'" : ""),
  "style-src 'self' 'unsafe-inline'",
  // data: and blob: for images built in the page (inline icons, object URLs).
  "img-src 'self' data: blob:",
  "font-src 'self'",
  // 'self' also covers same-origin ws: in current browsers, i.e. the dev server's HMR socket.
  "connect-src 'self'",
  // The import page's Web Worker is a same-origin module script (new Worker(new URL(...))); blob: for
  // bundlers that bootstrap workers from a blob URL.
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  // Not `upgrade-insecure-requests`: the app is also served over plain http (npm start, the e2e runs).
].join("; ");

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  // For browsers without frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // No Cross-Origin-Resource-Policy: the ID-sync pixel is embedded by partner pages on other origins.
];

/** @returns {string[]} */
function appUrlHost() {
  try {
    return process.env.APP_URL ? [new URL(process.env.APP_URL).host] : [];
  } catch {
    return []; // env-schema.ts refuses a bad APP_URL at start with a message naming it
  }
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // Type errors are caught once by `npm test` (its first step is `tsc --noEmit` over the whole tree,
  // tests included), not again inside every build.
  typescript: { ignoreBuildErrors: true },
  // Loaded from node_modules at run time, not bundled: native-ish or WASM packages the bundler mangles.
  serverExternalPackages: ["@electric-sql/pglite", "@electric-sql/pglite-socket", "s3rver", "@prisma/schema-engine-wasm", "pg-boss", "ssh2", "ssh2-sftp-client"],
  // Next compares a server action's Origin with X-Forwarded-Host or Host. Behind a proxy that sends
  // neither as the public name, APP_URL's host is also allowed; proxy.ts has already checked the
  // request against APP_URL (lib/server/auth/same-origin.ts), so this only keeps Next from disagreeing.
  experimental: { serverActions: { bodySizeLimit: "1mb", allowedOrigins: appUrlHost() } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
