// S3 object keys for inbound files, spec §1.2 and §6: `<Adobe-assigned path>/<partner>/date=YYYY-MM-DD/<name>`.
import { INBOUND_NAME, parseInboundName, type InboundNameParts, type ParseNameOptions } from "./file-name";
import { makeIssue, type AamIssue } from "./issues";

/** UTC calendar date of a UNIX time in seconds, as YYYY-MM-DD. */
export function formatUtcDate(unixSeconds: number): string {
  if (!Number.isFinite(unixSeconds)) throw new RangeError("not a UNIX time");
  return new Date(Math.floor(unixSeconds) * 1000).toISOString().slice(0, 10);
}

/** A real YYYY-MM-DD date (the key regex alone would accept 2024-02-30). */
export function isCalendarDate(s: string): boolean {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function segmentProblem(seg: string): string | null {
  if (seg.length === 0) return "is empty (a doubled, leading or trailing slash)";
  if (seg === "." || seg === "..") return `is "${seg}"`;
  if (/[\\\u0000-\u001f]/.test(seg)) return "contains a backslash or control character";
  return null;
}

/** Builds the object key; throws on invalid segments (a programming error: check user input first). */
export function buildInboundKey(p: { prefix: string; partner: string; date: string; name: string }): string {
  const prefixSegs = p.prefix === "" ? [] : p.prefix.split("/");
  for (const seg of prefixSegs) {
    const why = segmentProblem(seg);
    if (why) throw new RangeError(`prefix "${p.prefix}": a path segment ${why}`);
  }
  for (const [label, seg] of [
    ["partner", p.partner],
    ["name", p.name],
  ] as const) {
    const why = segmentProblem(seg) ?? (seg.includes("/") ? "contains a slash" : null);
    if (why) throw new RangeError(`${label} "${seg}" ${why}`);
  }
  if (!isCalendarDate(p.date)) throw new RangeError(`date "${p.date}" is not a real YYYY-MM-DD date`);
  if (!INBOUND_NAME.test(p.name)) throw new RangeError(`"${p.name}" is not a valid inbound file name`);
  return [...prefixSegs, p.partner, `date=${p.date}`, p.name].join("/");
}

export interface InboundKeyParts {
  /** The path before the partner folder ("" when the partner folder is the first segment). */
  prefix: string;
  partner: string;
  date: string;
  name: string;
  parts: InboundNameParts;
}

export function parseInboundKey(
  key: string,
  options: ParseNameOptions = {},
): { ok: true; value: InboundKeyParts; issues: AamIssue[] } | { ok: false; issues: AamIssue[] } {
  const fail = (message: string) => ({ ok: false as const, issues: [makeIssue("KEY_INVALID", "error", message, { value: key })] });
  if (/^s3n?:\/\//i.test(key)) return fail(`"${key}" is a URI; give the object key relative to the bucket, without s3://<bucket>/.`);
  const segs = key.split("/");
  for (const seg of segs) {
    const why = segmentProblem(seg);
    if (why) return fail(`A path segment of "${key}" ${why}.`);
  }
  const name = segs[segs.length - 1]!;
  const folder = segs.length >= 2 ? segs[segs.length - 2]! : "";
  if (!folder.startsWith("date=")) {
    const hint = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$/.test(folder) ? ` Write the folder as date=${folder}.` : "";
    return fail(`The file must sit in a folder named date=YYYY-MM-DD (the UTC upload date), but its folder is "${folder}".${hint}`);
  }
  const date = folder.slice(5);
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(date)) return fail(`"${folder}" must be date=YYYY-MM-DD with a two-digit month and day.`);
  if (!isCalendarDate(date)) return fail(`"${folder}" is not a real calendar date.`);
  if (segs.length < 3) return fail(`"${key}" has no partner folder; the layout is <path>/<partner>/date=YYYY-MM-DD/<file>.`);
  const nameResult = parseInboundName(name, options);
  if (!nameResult.ok) return { ok: false, issues: nameResult.issues };
  const issues = [...nameResult.issues];
  const tsDate = formatUtcDate(nameResult.value.timestamp);
  if (tsDate !== date) {
    // A5: Adobe's own examples pair date=2016-05-09 with 2013 timestamps, so this is only a warning.
    issues.push(
      makeIssue("KEY_DATE_MISMATCH", "warning", `The folder date ${date} differs from the name's timestamp (${tsDate} UTC). The folder should be the UTC upload date; AAM uses the timestamp only for uniqueness.`, { value: key }),
    );
  }
  return {
    ok: true,
    value: { prefix: segs.slice(0, -3).join("/"), partner: segs[segs.length - 3]!, date, name, parts: nameResult.value },
    issues,
  };
}
