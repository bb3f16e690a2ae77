// zod, as every schema in lib/validation imports it. zod compiles object parsers with `new Function`
// when it may, and finds out by trying `new Function("")` when the first z.object() is built. In the
// browser the app's CSP has no 'unsafe-eval' (next.config.js), so that probe is refused: zod falls back
// on its own, but the browser still reports a CSP violation on every page that builds a schema. jitless
// skips the probe; it must be set before any schema is built, hence this module instead of "zod".
// The server, where no CSP applies, keeps the compiled parsers.
import { z } from "zod";

// Pages and workers; not Node, where neither global exists.
if ("document" in globalThis || "WorkerGlobalScope" in globalThis) z.config({ jitless: true });

export { z };
