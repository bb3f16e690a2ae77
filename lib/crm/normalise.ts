// Value normalisation shared by mapping suggestions, recipes and the PII hashing preview. The exact
// rules are shown to the user next to the hash, so they must stay simple and stable.

/** Trim and lower-case: the common denominator of ad platforms' e-mail matching rules. */
export function normaliseEmail(v: string): string {
  return v.trim().toLowerCase();
}

/**
 * Digits only, keeping an international prefix as a leading "+" ("+49 (0)30 123" keeps its "+",
 * "0049 30 123" becomes "+4930123"). Without a country code no "+" is invented: guessing the
 * country is the user's decision, not ours.
 */
export function normalisePhone(v: string): string {
  const t = v.trim();
  const international = t.startsWith("+") || (t.startsWith("00") && t.replace(/\D+/g, "").length > 4);
  // "+49 (0)30 ..." writes the national trunk zero in brackets; it is not dialled internationally.
  const digits = (international ? t.replace(/\(0\)/g, "") : t).replace(/\D+/g, "");
  if (digits === "") return "";
  if (!international) return digits;
  return "+" + (t.startsWith("+") ? digits : digits.slice(2));
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[A-Za-z]{2,}$/;
// Formatted phone numbers: an international "+" or separators; bare digit strings are left to IDs.
const PHONE = /^(\+|00)?[\d\s().\/-]{6,22}$/;
// Dates have the same characters as phone numbers.
const DATE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

export function isEmailLike(v: string): boolean {
  return EMAIL.test(v.trim());
}

export function isPhoneLike(v: string): boolean {
  const t = v.trim();
  if (!PHONE.test(t) || DATE.test(t)) return false;
  const digits = t.replace(/\D+/g, "").length;
  if (digits < 7 || digits > 15) return false;
  return t.startsWith("+") || t.startsWith("00") || /[\s().\/-]/.test(t);
}

const TRUE_WORDS = new Set(["y", "yes", "true", "1", "x", "ja", "j", "oui", "si", "sí", "t", "on"]);
const FALSE_WORDS = new Set(["n", "no", "false", "0", "nein", "non", "f", "off"]);

/** Reads a yes/no cell; null when the value is neither (e.g. empty or "maybe"). */
export function flagValue(v: string): boolean | null {
  const t = v.trim().toLowerCase();
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return null;
}

const KEY = /^[A-Za-z0-9_-]+$/;

/** AAM keys: letters, digits, "_" and "-"; not digits only; a leading "-" would be silently dropped. */
export function isValidKey(key: string): boolean {
  return KEY.test(key) && !/^\d+$/.test(key) && !key.startsWith("-");
}

/** Turns a header into a default key: "Loyalty Tier (2024)" -> "loyalty_tier_2024", "Größe" -> "groesse". */
export function sanitiseKey(header: string, column = 0): string {
  const folded = header
    .trim()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/Ä/g, "Ae")
    .replace(/Ö/g, "Oe")
    .replace(/Ü/g, "Ue")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, "_")
    .replace(/^[_-]+|[_-]+$/g, "")
    .replace(/_+/g, "_");
  if (folded === "") return `column_${column + 1}`;
  if (/^\d+$/.test(folded)) return `k_${folded}`;
  return folded;
}
