// Rendering of command results: one JSON object with --json (for scripts and the tests), readable text otherwise.
import type { Issue } from "../aam/issues";

export interface CliResult {
  ok: boolean;
  issues: Issue[];
  files: Array<Record<string, unknown>>;
  stats: Record<string, unknown>;
}

export function renderResult(result: CliResult, json: boolean): string {
  if (json) return JSON.stringify(result) + "\n";
  const lines: string[] = [];
  const count = (severity: string, stat: unknown) =>
    typeof stat === "number" ? stat : result.issues.filter((i) => i.severity === severity).length;
  const errors = count("error", result.stats.errors);
  const warnings = count("warning", result.stats.warnings);
  for (const i of result.issues) {
    const where = i.line !== undefined ? ` line ${i.line}${i.column !== undefined ? `:${i.column}` : ""}` : "";
    lines.push(`${i.severity.padEnd(7)} ${i.code}${where}: ${i.message}`);
  }
  for (const f of result.files) lines.push(`file    ${Object.entries(f).map(([k, v]) => `${k}=${String(v)}`).join(" ")}`);
  const stats = Object.entries(result.stats)
    .filter(([, v]) => typeof v !== "object")
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(" ");
  if (stats) lines.push(`stats   ${stats}`);
  const counts = result.stats.countsByCode;
  const shown = result.issues.length;
  const total = counts && typeof counts === "object" ? Object.values(counts as Record<string, number>).reduce((a, b) => a + b, 0) : shown;
  if (total > shown) lines.push(`(${total - shown} more issues not shown; counts by code: ${JSON.stringify(counts)})`);
  lines.push(result.ok ? `OK${warnings ? ` with ${warnings} warning(s)` : ""}` : `FAILED: ${errors} error(s), ${warnings} warning(s)`);
  return lines.join("\n") + "\n";
}
