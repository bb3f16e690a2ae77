// Issues are values, never exceptions: every check in lib/aam and lib/crm returns them, and the worker,
// server and CLI only render or count them. Codes are a public contract (stored in the database,
// exported as CSV, matched by tests): add new ones, never rename.
export const AAM_ISSUE_CODES = [
  "NAME_INVALID",
  "NAME_TARGET_REQUIRED",
  "KEY_INVALID",
  "FILE_EMPTY",
  "FILE_ENCODING",
  "LINE_FORMAT",
  "LINE_TOO_LONG",
  "USER_LINE_LIMIT",
  "ID_EMPTY",
  "ID_INVALID_UUID",
  "ID_INVALID_DEVICE",
  "ID_FORBIDDEN_CHAR",
  "ID_PII",
  "ID_CASE_COLLISION",
  "ID_MIXED_TYPES",
  "SIGNAL_EMPTY",
  "SIGNAL_INVALID_TRAIT_ID",
  "SIGNAL_BAD_QUOTES",
  "SIGNAL_INVALID_KEY",
  "VALUE_PII",
  "VALUE_UNREPRESENTABLE",
  "UNSID_IN_OVERWRITE",
  "SIZE_LIMIT",
  // Added with the lib/aam implementation (see lib/aam/*.ts for where each is raised).
  "NAME_LEADING_ZERO",
  "NAME_DPID_ZERO",
  "NAME_SPLIT_PGP",
  "NAME_TIMESTAMP_RANGE",
  "KEY_DATE_MISMATCH",
  "FILE_COMPRESSION",
  "LINE_WHITESPACE",
  "ID_TOO_LONG",
  "SIGNAL_UNKNOWN",
  "SIGNAL_MIXED_STYLES",
  "VALUE_UNQUOTED_SPACE",
  "SIZE_BAND",
] as const;

export type AamIssueCode = (typeof AAM_ISSUE_CODES)[number];

export type Severity = "error" | "warning" | "info";

/** For keeping the highest severity met per code. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/** One finding. `line` and `column` are 1-based and refer to the file the user gave us. */
export interface Issue<Code extends string = string> {
  code: Code;
  severity: Severity;
  message: string;
  line?: number;
  column?: number;
  value?: string;
}

export type AamIssue = Issue<AamIssueCode>;

/** Builds an issue, leaving out the optional fields that are undefined (keeps JSON output and test diffs clean). */
export function makeIssue(
  code: AamIssueCode,
  severity: Severity,
  message: string,
  where?: { line?: number | undefined; column?: number | undefined; value?: string | undefined },
): AamIssue {
  const issue: AamIssue = { code, severity, message };
  if (where?.line !== undefined) issue.line = where.line;
  if (where?.column !== undefined) issue.column = where.column;
  if (where?.value !== undefined) issue.value = where.value;
  return issue;
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === "error");
}
