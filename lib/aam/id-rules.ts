// User ID rules, spec §3. The ID type is fixed by the file's DPID, never mixed. Checks run once per record,
// so the common case (a clean ID) is a single pass over char codes; messages are built only on failure.
import { makeIssue, type AamIssue } from "./issues";

export type IdType = "dpuuid" | "aam_uuid" | "gaid" | "idfa" | "rida" | "maid" | "tifa" | "fire_tv" | "lgudid" | "vizio_ifa";
export type DeviceIdType = Exclude<IdType, "dpuuid" | "aam_uuid">;

export const ID_TYPES: readonly IdType[] = [
  "dpuuid",
  "aam_uuid",
  "gaid",
  "idfa",
  "rida",
  "maid",
  "tifa",
  "fire_tv",
  "lgudid",
  "vizio_ifa",
];

export const ID_TYPE_LABELS: Readonly<Record<IdType, string>> = {
  dpuuid: "customer ID (DPUUID)",
  aam_uuid: "AAM UUID",
  gaid: "Android GAID",
  idfa: "iOS IDFA",
  rida: "Roku RIDA",
  maid: "Microsoft MAID",
  tifa: "Samsung TIFA",
  fire_tv: "Amazon Fire TV ID",
  lgudid: "LG webOS LGUDID",
  vizio_ifa: "Vizio IFA",
};

/** A24 (our choice, not Adobe's): DPUUIDs over this many characters draw a warning. */
export const MAX_DPUUID_LENGTH = 255;

type Where = { line?: number | undefined; column?: number | undefined };

export function isIdType(s: string): s is IdType {
  return (ID_TYPES as readonly string[]).includes(s);
}

/** 8-4-4-4-12 hex; `letterCase` "lower"/"upper" restricts the hex letters, "any" accepts both. */
export function isHexUuid(id: string, letterCase: "lower" | "upper" | "any"): boolean {
  if (id.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = id.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 45) return false;
    } else if (c >= 48 && c <= 57) continue;
    else if (c >= 97 && c <= 102) {
      if (letterCase === "upper") return false;
    } else if (c >= 65 && c <= 70) {
      if (letterCase === "lower") return false;
    } else return false;
  }
  return true;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function isAlnum(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return s.length > 0;
}

/** Device advertising IDs look like UUIDs in either case; used to spot device IDs in a customer-ID file. */
export function looksLikeDeviceId(id: string): boolean {
  return isHexUuid(id, "any");
}

const PHONE_SEPARATORS = /^\+?[0-9 ().-]+$/;

/** Probable phone number: 10-15 digits written with phone punctuation (+, spaces, dashes, dots, brackets). */
export function looksLikePhone(s: string): boolean {
  const c0 = s.charCodeAt(0);
  // Cheap first-character test before the regex: this runs on every customer ID and value.
  if (s.length < 10 || s.length > 24 || !(c0 === 43 || c0 === 40 || (c0 >= 48 && c0 <= 57)) || !PHONE_SEPARATORS.test(s)) return false;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  // Bare digit runs are common customer IDs (Adobe's own sample uses 1060413022), so only formatted numbers count.
  const formatted = s.charCodeAt(0) === 43 || digits < s.length;
  return formatted && digits >= 10 && digits <= 15;
}

/** Probable e-mail address: something@domain.tld. */
export function looksLikeEmail(s: string): boolean {
  const at = s.indexOf("@");
  if (at <= 0) return false;
  const dot = s.lastIndexOf(".");
  return dot > at + 1 && dot < s.length - 2;
}

export function checkId(id: string, type: IdType, where?: Where): AamIssue[] {
  const out: AamIssue[] = [];
  checkIdInto(id, type, out, where?.line, where?.column);
  return out;
}

/** As checkId, appending to `out`; the validator's hot path uses this (no objects made for a clean ID). */
export function checkIdInto(id: string, type: IdType, out: AamIssue[], line?: number, column?: number): void {
  if (!isCleanId(id, type)) reportId(id, type, out, { line, column, value: id.length > 200 ? id.slice(0, 200) + "…" : id });
}

/** True when `id` draws no issue at all: the common case, decided in one pass. */
function isCleanId(id: string, type: IdType): boolean {
  if (id.length === 0) return false;
  switch (type) {
    case "dpuuid": {
      if (id.length > MAX_DPUUID_LENGTH) return false;
      for (let i = 0; i < id.length; i++) {
        const c = id.charCodeAt(i);
        // space " % , : @ and anything outside printable ASCII
        if (c <= 0x20 || c >= 0x7f || c === 0x22 || c === 0x25 || c === 0x2c || c === 0x3a || c === 0x40) return false;
      }
      return !looksLikePhone(id);
    }
    case "aam_uuid":
      return id.length === 38 && isDigits(id);
    case "idfa":
      return isHexUuid(id, "upper");
    case "gaid":
    case "rida":
    case "fire_tv":
    case "lgudid":
      return isHexUuid(id, "lower");
    case "maid":
    case "tifa":
    case "vizio_ifa":
      return isAlnum(id);
  }
}

/** The issues for an ID that isCleanId rejected, with messages that say what to change. */
function reportId(id: string, type: IdType, out: AamIssue[], at: Where & { value: string }): void {
  if (id.length === 0) {
    out.push(makeIssue("ID_EMPTY", "error", "The user ID is empty; every line must start with an ID, then a TAB.", at));
    return;
  }
  switch (type) {
    case "dpuuid":
      checkDpuuid(id, out, at);
      return;
    case "aam_uuid": {
      const why = isDigits(id) ? `has ${id.length} digits` : "contains characters other than digits";
      out.push(
        makeIssue("ID_INVALID_UUID", "error", `"${at.value}" is not an AAM UUID: it ${why}, and AAM UUIDs are exactly 38 digits (AAM counts it as Invalid AAM ID).`, at),
      );
      return;
    }
    case "idfa":
      out.push(deviceIssue(id, type, "upper", at));
      return;
    case "gaid":
    case "rida":
    case "fire_tv":
    case "lgudid":
      out.push(deviceIssue(id, type, "lower", at));
      return;
    case "maid":
    case "tifa":
    case "vizio_ifa":
      out.push(
        makeIssue(
          "ID_INVALID_DEVICE",
          "error",
          `"${at.value}" is not a valid ${ID_TYPE_LABELS[type]}: Adobe documents these as letters and digits only (e.g. 7XCBNROQJQPYW).`,
          at,
        ),
      );
      return;
  }
}

function deviceIssue(id: string, type: IdType, letterCase: "lower" | "upper", at: Where & { value: string }): AamIssue {
  const label = ID_TYPE_LABELS[type];
  const why = isHexUuid(id, "any")
    ? `${label}s must be in ${letterCase} case (${letterCase === "upper" ? id.toUpperCase() : id.toLowerCase()})`
    : `${label}s are 36 characters: 32 ${letterCase}-case hex digits in 8-4-4-4-12 groups, raw and unhashed`;
  return makeIssue("ID_INVALID_DEVICE", "error", `"${at.value}" is not a valid ${label}: ${why} (AAM counts it as Invalid Device ID).`, at);
}

function checkDpuuid(id: string, out: AamIssue[], at: Where & { value: string }): void {
  if (id.includes(":")) {
    out.push(makeIssue("ID_FORBIDDEN_CHAR", "error", `The customer ID "${at.value}" contains ":", which AAM forbids in DPUUIDs; remove or replace it.`, at));
  }
  if (/%3a/i.test(id)) {
    out.push(makeIssue("ID_FORBIDDEN_CHAR", "error", `The customer ID "${at.value}" contains "%3A" (an encoded ":"), which AAM forbids; use the raw ID without URL encoding.`, at));
  }
  if (/[\t\r\n]/.test(id)) {
    out.push(makeIssue("ID_FORBIDDEN_CHAR", "error", "The customer ID contains a TAB or line break; remove it (TAB separates the ID from the signals).", at));
  }
  if (looksLikeEmail(id) || id.includes("@")) out.push(piiIssue("contains @ and looks like an e-mail address", at));
  else if (looksLikePhone(id)) out.push(piiIssue("looks like a phone number", at));
  // A24: Adobe documents no length or character set; these are our conservative defaults, hence warnings.
  const odd = /[ ",%]|[^\x21-\x7e]/.exec(id.replace(/%3a/gi, "").replace(/[:@\t\r\n]/g, ""));
  if (odd) {
    const ch = odd[0] === " " ? "a space" : JSON.stringify(odd[0]);
    out.push(
      makeIssue(
        "ID_FORBIDDEN_CHAR",
        "warning",
        `The customer ID "${at.value}" contains ${ch}. Adobe documents no character set for DPUUIDs; printable ASCII without spaces, commas, quotes or % is the safe choice, and the ID must match your ID sync byte for byte.`,
        at,
      ),
    );
  }
  if (id.length > MAX_DPUUID_LENGTH) {
    out.push(
      makeIssue("ID_TOO_LONG", "warning", `The customer ID is ${id.length} characters long. Adobe documents no limit, but over ${MAX_DPUUID_LENGTH} is unusual; check the ID column.`, at),
    );
  }
}

function piiIssue(why: string, at: Where & { value: string }): AamIssue {
  return makeIssue(
    "ID_PII",
    "warning",
    `The customer ID "${at.value}" ${why}. IDs must not be personal data: use a random ID or a one-way hash (e.g. SHA-256 of the trimmed, lower-cased e-mail).`,
    at,
  );
}
