// Inbound file names, spec §1. The name is the only metadata AAM reads (DPID, target, mode, part), and a
// badly named file fails outright, so the parser explains *why* a name is rejected, not just that it is.
import type { DeviceIdType, IdType } from "./id-rules";
import { makeIssue, type AamIssue } from "./issues";

export type InboundMode = "sync" | "overwrite";

export interface InboundNameParts {
  dpid: number;
  targetDpid?: number;
  /** Unix seconds, exactly 10 digits in the name. */
  timestamp: number;
  mode: InboundMode;
  /** Part number, 1-based; absent for an unsplit file. */
  split?: number;
  ext?: "gz" | "pgp" | "gpg";
}

/** Spec §1.2, verbatim. A4: Adobe's 9-digit placeholder timestamps are rejected; the 10-digit rule applies. */
export const INBOUND_NAME =
  /^ftp_dpm_(?<dpid>[0-9]+)(?:_(?<target>[0-9]+))?_(?<ts>[0-9]{10})\.(?<mode>sync|overwrite)(?:\.(?<split>[1-9][0-9]*))?(?:\.(?<ext>gz|pgp|gpg))?$/;
/** Oracle Data Cloud custom partner format [CPI]: recognised only to explain that it is a different family. */
export const ODC_NAME =
  /^ftp_dpm_odc_(?<dpid>[0-9]+)(?:_(?<target>[0-9]+))?_(?<ts>[0-9]{10})\.(?<mode>sync|overwrite)(?:\.(?<split>[1-9][0-9]*))?(?:\.gz)?$/;
/** File-based ID synchronization [IDF]: recognised only to explain that it is a different family. */
export const IDSYNC_NAME =
  /^(?<kind>adobe_id|c2c_id)_(?<master>[0-9]+)(?<dpids>(?:_[0-9]+)+)_(?<ts>[0-9]{10})\.sync(?:\.(?<split>[1-9][0-9]*))?(?:\.gz)?$/;

/** Global device data sources [GDS][IDS]: files keyed by these IDs must name a target data source. */
export const GLOBAL_DEVICE_DPIDS: ReadonlyMap<number, DeviceIdType> = new Map<number, DeviceIdType>([
  [20914, "gaid"],
  [20915, "idfa"],
  [121963, "rida"],
  [389146, "maid"],
  [963906, "tifa"],
  [488258, "fire_tv"],
  [1171485, "lgudid"],
  [1171489, "vizio_ifa"],
]);

/** The ID type a file's DPID implies: a global device type, else the data source's own customer IDs. */
export function idTypeForDpid(dpid: number): IdType {
  return GLOBAL_DEVICE_DPIDS.get(dpid) ?? "dpuuid";
}

const SHAPE =
  "ftp_dpm_<DPID>[_<target DPID>]_<10-digit UNIX timestamp>.(sync|overwrite)[.<part>][.gz|.pgp|.gpg], e.g. ftp_dpm_478_1366545717.sync.gz";

function isId(n: number | undefined): boolean {
  return n === undefined || (Number.isSafeInteger(n) && n >= 0);
}

/** Builds a name from parts; throws on parts that cannot form a valid name (a programming error). */
export function buildInboundName(p: InboundNameParts): string {
  if (!isId(p.dpid) || !isId(p.targetDpid)) throw new RangeError("DPIDs must be non-negative integers");
  if (GLOBAL_DEVICE_DPIDS.has(p.dpid) && p.targetDpid === undefined) {
    throw new RangeError(`DPID ${p.dpid} is a global device data source: a target DPID is required`);
  }
  if (!Number.isInteger(p.timestamp) || p.timestamp < 1_000_000_000 || p.timestamp > 9_999_999_999) {
    throw new RangeError(`timestamp ${p.timestamp} is not a 10-digit UNIX time in seconds`);
  }
  if (p.mode !== "sync" && p.mode !== "overwrite") throw new RangeError(`mode must be sync or overwrite`);
  if (p.split !== undefined && (!Number.isSafeInteger(p.split) || p.split < 1)) {
    throw new RangeError(`part number must be an integer from 1`);
  }
  if (p.ext !== undefined && p.ext !== "gz" && p.ext !== "pgp" && p.ext !== "gpg") throw new RangeError("bad extension");
  const target = p.targetDpid === undefined ? "" : `_${p.targetDpid}`;
  const split = p.split === undefined ? "" : `.${p.split}`;
  const ext = p.ext === undefined ? "" : `.${p.ext}`;
  return `ftp_dpm_${p.dpid}${target}_${p.timestamp}.${p.mode}${split}${ext}`;
}

/** Regex match only (no semantic checks): the parts, or null. Lets callers read a DPID from a name with other faults. */
export function matchInboundName(name: string): InboundNameParts | null {
  const m = INBOUND_NAME.exec(name);
  const g = m?.groups;
  if (!g) return null;
  const parts: InboundNameParts = {
    dpid: Number(g.dpid),
    timestamp: Number(g.ts),
    mode: g.mode as InboundMode,
  };
  if (g.target !== undefined) parts.targetDpid = Number(g.target);
  if (g.split !== undefined) parts.split = Number(g.split);
  if (g.ext !== undefined) parts.ext = g.ext as "gz" | "pgp" | "gpg";
  return parts;
}

export interface ParseNameOptions {
  /** Current UNIX time in seconds; when given, timestamps more than a day ahead draw a warning. */
  nowSeconds?: number;
}

export function parseInboundName(
  name: string,
  options: ParseNameOptions = {},
): { ok: true; value: InboundNameParts; issues: AamIssue[] } | { ok: false; issues: AamIssue[] } {
  const parts = matchInboundName(name);
  if (!parts) {
    return { ok: false, issues: [makeIssue("NAME_INVALID", "error", `${explainBadName(name)}. Expected ${SHAPE}.`, { value: name })] };
  }
  const issues: AamIssue[] = [];
  const g = INBOUND_NAME.exec(name)?.groups ?? {};
  if (GLOBAL_DEVICE_DPIDS.has(parts.dpid) && parts.targetDpid === undefined) {
    const type = GLOBAL_DEVICE_DPIDS.get(parts.dpid);
    issues.push(
      makeIssue(
        "NAME_TARGET_REQUIRED",
        "error",
        `DPID ${parts.dpid} is the global ${type} data source, so the name must also give the data source that owns the traits: ftp_dpm_${parts.dpid}_<target DPID>_${g.ts}.${parts.mode}`,
        { value: name },
      ),
    );
  }
  for (const [label, digits] of [
    ["DPID", g.dpid],
    ["target DPID", g.target],
  ] as const) {
    if (digits !== undefined && digits.length > 1 && digits.startsWith("0")) {
      issues.push(
        makeIssue("NAME_LEADING_ZERO", "warning", `The ${label} "${digits}" has a leading zero; write it as ${Number(digits)}, as AAM shows it.`, {
          value: name,
        }),
      );
    }
  }
  if (parts.dpid === 0) {
    issues.push(
      makeIssue(
        "NAME_DPID_ZERO",
        "warning",
        "DPID 0 means AAM UUIDs only in ID-sync (adobe_id_) file names; its use in ftp_dpm_ names is undocumented. Use the DPID of the data source whose IDs the file holds, and confirm with Adobe.",
        { value: name },
      ),
    );
  }
  if (parts.split !== undefined && (parts.ext === "pgp" || parts.ext === "gpg")) {
    // Spec §1.2 item 5: the order of split and PGP suffixes is undocumented; we accept .sync.<n>.pgp.
    issues.push(
      makeIssue(
        "NAME_SPLIT_PGP",
        "info",
        `Combining a part number with .${parts.ext} is undocumented; this name follows the .sync.<n>.gz pattern. Confirm the order with Adobe.`,
        { value: name },
      ),
    );
  }
  if (options.nowSeconds !== undefined && parts.timestamp > options.nowSeconds + 86_400) {
    issues.push(
      makeIssue("NAME_TIMESTAMP_RANGE", "warning", `The timestamp ${parts.timestamp} is in the future; use the current UNIX time in seconds.`, {
        value: name,
      }),
    );
  }
  if (issues.some((i) => i.severity === "error")) return { ok: false, issues };
  return { ok: true, value: parts, issues };
}

/** The most specific reason a name fails INBOUND_NAME, for a message a user can act on. */
function explainBadName(name: string): string {
  if (name.trim() !== name || /\s/.test(name)) return `"${name}" contains spaces or other whitespace`;
  if (ODC_NAME.test(name)) return `"${name}" is an Oracle Data Cloud (ftp_dpm_odc_) file name, which uses a different record format`;
  if (IDSYNC_NAME.test(name)) return `"${name}" is an ID-sync (adobe_id_/c2c_id_) file name, not a trait file`;
  const lower = name.toLowerCase();
  if (lower !== name && INBOUND_NAME.test(lower)) return `"${name}" must be all lower case`;
  if (/^ftp[-.]dpm[-.]/i.test(name) || /^ftp_dpm_[^.]*-/.test(name)) return `"${name}" must use underscores, not hyphens or dots, between its elements`;
  if (!name.startsWith("ftp_dpm_")) return `"${name}" must start with ftp_dpm_`;
  if (/\.zip$/i.test(name)) return `"${name}" is zipped: AAM accepts gzip (.gz) only`;
  if (/\.tar(\.|$)/i.test(name)) return `"${name}" is a tar archive: AAM accepts a plain file or a gzip (.gz) file, not tar`;
  if (/\.gz\.(pgp|gpg)$|\.(pgp|gpg)\.gz$/.test(name)) return `"${name}" is both gzipped and PGP-encrypted; PGP already compresses, so use one or the other`;
  if (/\.(gz|pgp|gpg)\.(sync|overwrite)/.test(name)) return `"${name}" has the compression suffix before the mode; the mode comes first, the compression suffix last`;
  if (/\.(gz|pgp|gpg)\.[0-9]+$/.test(name)) return `"${name}" has the part number after the compression suffix; it goes between the mode and .gz (e.g. .sync.1.gz)`;
  if (/\.(sync|overwrite)\.0+(\.|$)/.test(name)) return `"${name}" has part number 0; parts are numbered from 1`;
  const head = /^ftp_dpm_([^.]*)/.exec(name)?.[1] ?? "";
  const fields = head.split("_");
  if (fields.some((f) => !/^[0-9]+$/.test(f))) return `"${name}" has a DPID or timestamp that is not a plain number`;
  if (fields.length > 3) return `"${name}" has ${fields.length - 1} DPIDs; an inbound name has the DPID and at most one target DPID`;
  const ts = fields[fields.length - 1] ?? "";
  if (fields.length < 2) return `"${name}" is missing the DPID or the timestamp`;
  if (ts.length !== 10) {
    const ms = ts.length === 13 ? " (13 digits is milliseconds, an outbound convention)" : "";
    return `"${name}" has a ${ts.length}-digit timestamp${ms}; it must be 10 digits (UNIX seconds)`;
  }
  const rest = name.slice(8 + head.length);
  if (rest === "") return `"${name}" is missing the mode suffix .sync or .overwrite`;
  const mode = /^\.([^.]*)/.exec(rest)?.[1] ?? "";
  if (mode === "iter" || mode === "full") return `"${name}" uses .${mode}, an outbound label; inbound modes are .sync and .overwrite`;
  if (mode !== "sync" && mode !== "overwrite") return `"${name}" has mode ".${mode}"; it must be .sync or .overwrite`;
  return `"${name}" has an unexpected suffix after .${mode}; only a part number and then .gz, .pgp or .gpg may follow`;
}
