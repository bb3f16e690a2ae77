// The browser's counts travel with the submission and the server compares them with its own re-run over
// the stored original (same lib, same patches). Any difference is shown to the user, never hidden: it
// means the file changed in transit, the patches did not replay, or the two sides run different code.
import type { ConversionSummary } from "./conversion";

export interface ClientCounts {
  rows: number;
  dropped: number;
  records: number;
  errors: number;
  warnings: number;
  byCode: Record<string, number>;
}

export function countsFromSummary(s: ConversionSummary): ClientCounts {
  const byCode: Record<string, number> = {};
  for (const [code, v] of Object.entries(s.countsByCode)) byCode[code] = v.count;
  return { rows: s.rows, dropped: s.dropped, records: s.records, errors: s.errors, warnings: s.warnings, byCode };
}

/** Differences in plain words ("records: browser 1,000, server 998"); empty when both agree. */
export function countMismatches(client: ClientCounts, server: ClientCounts): string[] {
  const out: string[] = [];
  const f = (n: number) => n.toLocaleString("en-US");
  for (const k of ["rows", "dropped", "records", "errors", "warnings"] as const) {
    if (client[k] !== server[k]) out.push(`${k}: browser ${f(client[k])}, server ${f(server[k])}`);
  }
  const codes = new Set([...Object.keys(client.byCode), ...Object.keys(server.byCode)]);
  for (const code of [...codes].sort()) {
    const a = client.byCode[code] ?? 0;
    const b = server.byCode[code] ?? 0;
    if (a !== b) out.push(`${code}: browser ${f(a)}, server ${f(b)}`);
  }
  return out;
}
