// First-guess mapping from header names and a sample of rows. Each column gets a reason in plain words
// so the user can trust or correct it. E-mail and phone columns are personal data: never the ID, never
// sent raw; they are flagged so the UI can offer SHA-256 of the normalised value instead.
import type { ColumnRole, Mapping } from "./mapping";
import { flagValue, isEmailLike, isPhoneLike, sanitiseKey } from "./normalise";

export interface MappingSuggestion {
  mapping: Mapping;
  /** One per header column, plain words. */
  reasons: string[];
  pii: { column: number; kind: "email" | "phone" }[];
}

const compact = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, "");

// Header names (compacted) that name the person's ID in CRM exports, in several languages.
const STRONG_ID = new Set([
  "id", "customerid", "customerno", "customernumber", "customernr", "custid", "custno", "userid", "username",
  "crmid", "crmuserid", "dpuuid", "memberid", "membernumber", "contactid", "clientid", "accountid",
  "accountnumber", "personid", "subscriberid", "externalid", "profileid", "loyaltyid", "loyaltynumber",
  "uuid", "guid", "kundennummer", "kundenid", "kdnr", "aamuuid", "ecid", "mcid", "gaid", "idfa", "adid",
  "deviceid", "visitorid", "leadid", "partnerid",
]);
// Words that end in "id" but name something other than the person.
const NOT_PERSON = /trait|segment|audience|store|shop|campaign|product|order|transaction|session|ic|sid|country|region|branch/;
const NAME_LIKE =
  /(^|_)(first_?name|last_?name|surname|given_?name|family_?name|full_?name|vorname|nachname|street|street_?address|address(_?line)?(_?\d)?|strasse|dob|birth_?date|date_?of_?birth|birthday|geburtsdatum|ssn|passport(_?(no|number))?|ip_?address)$|^name$/;
// Unique values that are still not IDs: amounts and dates are unique by accident.
const NOT_ID_VALUE = /^-?\d+[.,]\d+$|^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/;

interface ColumnStats {
  nonEmpty: number;
  distinct: number;
  total: number;
  values: string[];
  emailShare: number;
  phoneShare: number;
  traitIdShare: number;
  flagShare: number;
  pipeShare: number;
  spaceShare: number;
}

function stats(sampleRows: string[][], column: number): ColumnStats {
  const values = sampleRows.map((r) => (r[column] ?? "").trim()).filter((v) => v !== "");
  const share = (test: (v: string) => boolean): number =>
    values.length ? values.filter(test).length / values.length : 0;
  return {
    nonEmpty: values.length,
    distinct: new Set(values).size,
    total: sampleRows.length,
    values,
    emailShare: share(isEmailLike),
    phoneShare: share(isPhoneLike),
    traitIdShare: share((v) => /^\d+(\s*[|;,]\s*\d+)*$/.test(v)),
    flagShare: share((v) => flagValue(v) !== null),
    pipeShare: share((v) => v.includes("|")),
    spaceShare: share((v) => /\s/.test(v)),
  };
}

function piiKind(name: string, s: ColumnStats): "email" | "phone" | null {
  if (/e-?mail/i.test(name) || s.emailShare >= 0.5) return "email";
  const phoneName = /phone|mobile|handy|msisdn|cell|(^|[^a-z])(tel|fax)([^a-z]|$)|telefon/i.test(name);
  if ((phoneName && !/id$/i.test(compact(name))) || s.phoneShare >= 0.5) return "phone";
  return null;
}

/** Higher is a better ID candidate; 0 means "not an ID". */
function idScore(name: string, s: ColumnStats): { score: number; why: string } {
  const c = compact(name);
  const unique = s.nonEmpty > 0 && s.distinct === s.nonEmpty;
  const full = s.total > 0 && s.nonEmpty >= s.total * 0.95;
  const dataOk = unique && full;
  if (s.total > 0 && s.spaceShare > 0.5) return { score: 0, why: "" };
  const idLikeValues = s.values.filter((v) => !NOT_ID_VALUE.test(v)).length >= s.values.length * 0.9;
  let score = 0;
  let why = "";
  if (STRONG_ID.has(c)) {
    score = 4;
    why = `the header "${name}" names a customer ID`;
  } else if (/(id|number|nr|no|key)$/.test(c) && !NOT_PERSON.test(c)) {
    score = 2;
    why = `the header "${name}" looks like an identifier`;
  }
  if (s.total > 0) {
    if (dataOk && (score > 0 || idLikeValues)) {
      score += 2;
      why = why ? `${why} and its values are unique and never empty` : "its values are unique and never empty";
    } else if (score > 0) {
      score -= unique ? 1 : 2;
      why += unique ? ", but some values are empty" : ", but values repeat";
    }
  }
  return { score, why };
}

export function suggestMapping(header: string[], sampleRows: string[][]): MappingSuggestion {
  const all = header.map((_, i) => stats(sampleRows, i));
  const pii: MappingSuggestion["pii"] = [];
  const columns: ColumnRole[] = header.map(() => ({ role: "ignore" }));
  const reasons: string[] = header.map(() => "");
  const valueMaps: Record<number, Record<string, string | null>> = {};
  const splitMultiValues: Record<number, string> = {};

  header.forEach((name, i) => {
    const kind = piiKind(name, all[i]!);
    if (kind) pii.push({ column: i, kind });
  });
  const piiColumns = new Set(pii.map((p) => p.column));

  let idColumn = -1;
  let best = { score: 0, why: "" };
  header.forEach((name, i) => {
    if (piiColumns.has(i) || NAME_LIKE.test(sanitiseKey(name))) return;
    const candidate = idScore(name, all[i]!);
    if (candidate.score > best.score) {
      best = candidate;
      idColumn = i;
    }
  });
  // A unique, always-filled column is acceptable without a telling header; header-only needs score 3+.
  if (best.score < 2) idColumn = -1;

  const usedKeys = new Set<string>();
  header.forEach((name, i) => {
    const s = all[i]!;
    const key = sanitiseKey(name, i);
    const c = compact(name);
    if (i === idColumn) {
      columns[i] = { role: "id" };
      reasons[i] = `User ID: ${best.why}.`;
      return;
    }
    const kind = pii.find((p) => p.column === i)?.kind;
    if (kind) {
      reasons[i] = kind === "email"
        ? "Ignored: e-mail addresses are personal data, never an ID or a plain trait value; you can send a SHA-256 hash of the normalised address instead."
        : "Ignored: phone numbers are personal data, never an ID or a plain trait value; you can send a SHA-256 hash of the normalised number instead.";
      return;
    }
    if (NAME_LIKE.test(sanitiseKey(name))) {
      reasons[i] = `Ignored: "${name}" looks like personal data (names, addresses, birth dates), which AAM does not accept.`;
      return;
    }
    if (s.total > 0 && s.nonEmpty === 0) {
      reasons[i] = `Ignored: empty in all ${s.total} sample rows.`;
      return;
    }
    const multi = s.pipeShare >= 0.2;
    if (multi) splitMultiValues[i] = "|";
    if (/unsid|remove.*trait|trait.*remov|opt.?out.*trait/.test(c) && s.traitIdShare >= 0.9) {
      columns[i] = { role: "removeTraitId" };
      reasons[i] = `Trait IDs to remove (d_unsid): the header "${name}" says removal and the values are numbers.`;
      return;
    }
    if (/trait|segment|^sids?$|dsid|audience/.test(c) && s.traitIdShare >= 0.9) {
      columns[i] = { role: "traitId" };
      reasons[i] = `Trait IDs (d_sid): the header "${name}" names traits and the values are numbers${multi ? ', several per cell separated by "|"' : ""}.`;
      return;
    }
    if (c === "ic" || /integrationcode/.test(c)) {
      columns[i] = { role: "ic" };
      reasons[i] = `Integration codes (ic=…): the header "${name}" names them.`;
      return;
    }
    let unique = key;
    for (let k = 2; usedKeys.has(unique); k++) unique = `${key}_${k}`;
    usedKeys.add(unique);
    columns[i] = { role: "kv", key: unique };
    if (s.nonEmpty > 0 && s.flagShare === 1) {
      const map: Record<string, string | null> = {};
      for (const v of new Set(s.values)) map[v] = flagValue(v) ? "true" : null;
      valueMaps[i] = map;
      reasons[i] = `Key-value pair ${unique}=true: the values are yes/no, so "yes" rows send ${unique}=true and "no" rows send nothing.`;
      return;
    }
    reasons[i] = `Key-value pair ${unique}=<value>, key taken from the header "${name}"${multi ? '; cells with "|" become several pairs' : ""}.`;
  });

  const mapping: Mapping = { columns };
  if (Object.keys(valueMaps).length) mapping.valueMaps = valueMaps;
  if (Object.keys(splitMultiValues).length) mapping.splitMultiValues = splitMultiValues;
  return { mapping, reasons, pii };
}
