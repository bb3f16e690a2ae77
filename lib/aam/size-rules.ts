// File size rules, spec §2.4, §8 A1 and §9. "GB" and "MB" are read as decimal (10^9, 10^6): the stricter
// reading, so a file we pass is within the limit whichever unit Adobe meant.
import { makeIssue, type AamIssue } from "./issues";

export const SIZE_LIMITS = {
  /** Hard limit for a compressed file (A1: the name pages say 3 GB, the compression page 1 GB; we enforce 3 GB and warn above 1 GB). */
  maxCompressedBytes: 3_000_000_000,
  warnCompressedBytes: 1_000_000_000,
  maxUncompressedBytes: 5_000_000_000,
  optimalCompressedMinBytes: 200_000_000,
  optimalCompressedMaxBytes: 300_000_000,
  /** "About 1 GB" uncompressed is optimal; above it, gzip and split (§2.6 rule 5). */
  optimalUncompressedMaxBytes: 1_000_000_000,
} as const;

const mb = (n: number) => `${(n / 1e6).toFixed(n < 1e7 ? 1 : 0)} MB`;

/**
 * Checks one file's size. `bytes` is its size as uploaded; `rawBytes` the uncompressed size when known.
 * Files below the optimal band get no issue: small data cannot be made bigger, and the band only guides splitting.
 */
export function checkFileSize(p: { gzip: boolean; bytes: number; rawBytes?: number }): AamIssue[] {
  const out: AamIssue[] = [];
  const L = SIZE_LIMITS;
  const raw = p.gzip ? p.rawBytes : p.bytes;
  if (p.gzip) {
    if (p.bytes > L.maxCompressedBytes) {
      out.push(makeIssue("SIZE_LIMIT", "error", `The compressed file is ${mb(p.bytes)}; AAM's limit is 3 GB. Split it into parts of 200-300 MB compressed.`, {}));
    } else if (p.bytes > L.warnCompressedBytes) {
      out.push(makeIssue("SIZE_LIMIT", "warning", `The compressed file is ${mb(p.bytes)}. One Adobe page gives 1 GB as the compressed limit (another says 3 GB); split it into parts of 200-300 MB to be safe.`, {}));
    } else if (p.bytes > L.optimalCompressedMaxBytes) {
      out.push(makeIssue("SIZE_BAND", "warning", `The compressed file is ${mb(p.bytes)}; AAM processes parts of 200-300 MB compressed fastest. Split it.`, {}));
    }
  } else if (p.bytes > L.optimalUncompressedMaxBytes && p.bytes <= L.maxUncompressedBytes) {
    out.push(makeIssue("SIZE_BAND", "warning", `The file is ${mb(p.bytes)} uncompressed; above about 1 GB, gzip it and split it into parts.`, {}));
  }
  if (raw !== undefined && raw > L.maxUncompressedBytes) {
    out.push(makeIssue("SIZE_LIMIT", "error", `The data is ${mb(raw)} uncompressed; AAM's limit is 5 GB per file. Split it into parts.`, {}));
  }
  return out;
}

/**
 * Our own output, checked before anything is sent (the server never assumes its writer got the limits right):
 * one message per part that breaks one of AAM's hard limits, naming the part. Warnings are left out: a part
 * outside the optimal band is still accepted by AAM.
 */
export function checkOutputParts(parts: readonly { name: string; bytes: number; rawBytes: number }[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    for (const issue of checkFileSize({ gzip: part.name.endsWith(".gz"), bytes: part.bytes, rawBytes: part.rawBytes })) {
      if (issue.severity === "error") out.push(`${part.name}: ${issue.message}`);
    }
  }
  return out;
}
