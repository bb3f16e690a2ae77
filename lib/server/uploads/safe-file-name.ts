// The user's file name is stored and shown (history, page titles, download headers) but never used to
// build a path or an object key (those are uploads/<uuid>, generated/<uuid>/<AAM name>). It is cleaned
// once, before it is first stored, so every later reader can trust it.

const MAX_NAME_CHARS = 200;

/**
 * The last path segment, with anything but letters, digits, ".", "_", "-" and space replaced by "_":
 * no slashes, NUL or control characters (PostgreSQL text refuses NUL), no quotes for headers, no
 * bidirectional overrides that make "exe.csv" read as "csv.exe", and no leading dots (hidden files).
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[^\p{L}\p{N}._ -]/gu, "_").replace(/^\.+/, "");
  // Cut by code points: slicing UTF-16 units could leave half a surrogate pair, which
  // encodeURIComponent (the RFC 6266 filename*) throws on.
  return Array.from(clean).slice(0, MAX_NAME_CHARS).join("").trim() || "upload";
}
