// `aam-inbound validate <file>`: the content rules of spec §2-§3 and §9 over a file of any size, streamed.
import path from "node:path";
import { idTypeForDpid, matchInboundName, parseInboundName, type InboundMode } from "../aam/file-name";
import { isIdType, ID_TYPES, type IdType } from "../aam/id-rules";
import { hasErrors, makeIssue, type AamIssue } from "../aam/issues";
import { checkFileSize } from "../aam/size-rules";
import { createFileValidator, type FileValidationResult } from "../aam/validate";
import { createGcPacer } from "./gc-pacer";
import { createProgress, type StatusLine } from "./progress";
import { createUserSpill } from "./user-spill";
import { intOption, stringOption, UsageError, type ParsedArgs } from "./args";
import type { CliResult } from "./output";
import { openInput } from "./read-input";

export const VALIDATE_SPEC = { options: ["dpid", "id-type", "mode", "max-issues"], flags: ["json"] } as const;

/** Native UTF-8 decoding for bytes lib/aam has already checked (several times faster than the pure decoder). */
export const nodeUtf8Decoder = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");

export function modeOption(args: ParsedArgs): InboundMode | undefined {
  const mode = stringOption(args, "mode");
  if (mode !== undefined && mode !== "sync" && mode !== "overwrite") throw new UsageError(`--mode must be sync or overwrite, got "${mode}"`);
  return mode;
}

export function idTypeOption(args: ParsedArgs): IdType | undefined {
  const t = stringOption(args, "id-type");
  if (t !== undefined && !isIdType(t)) throw new UsageError(`--id-type must be one of ${ID_TYPES.join(", ")}; got "${t}"`);
  return t;
}

export async function validateCommand(args: ParsedArgs, nowSeconds: number, status?: StatusLine): Promise<CliResult> {
  const [file, extra] = args.positionals;
  if (file === undefined) throw new UsageError("validate needs a file");
  if (extra !== undefined) throw new UsageError(`validate takes one file, got also "${extra}"`);
  const dpidOption = intOption(args, "dpid", { min: 0 });
  const modeFlag = modeOption(args);
  const idTypeFlag = idTypeOption(args);
  const maxIssues = intOption(args, "max-issues", { min: 0 });
  const input = await openInput(file); // before the name, so a missing file is reported as such
  const name = path.basename(file);
  const parts = matchInboundName(name);
  const dpid = dpidOption ?? parts?.dpid;
  if (dpid === undefined) {
    throw new UsageError(`cannot tell the DPID from the file name "${name}"; pass --dpid (and rename the file ftp_dpm_<DPID>_<timestamp>.sync before upload)`);
  }
  const mode = modeFlag ?? parts?.mode ?? "sync";
  const idType = idTypeFlag ?? idTypeForDpid(dpid);
  const issues: AamIssue[] = [];

  // A name that is not even meant to be an inbound name only matters once the file is uploaded.
  const nameResult = parseInboundName(name, { nowSeconds });
  if (name.startsWith("ftp_dpm_") || dpidOption === undefined) issues.push(...nameResult.issues);
  else issues.push(makeIssue("NAME_INVALID", "warning", `"${name}" is not an AAM inbound file name; upload it as ${`ftp_dpm_${dpid}_<timestamp>.${mode}`}.`, { value: name }));

  const ext = parts?.ext ?? (/\.(gz|pgp|gpg|zip)$/.exec(name)?.[1] as string | undefined);
  const base = { name, path: file, bytes: input.size, dpid, mode, idType, content: input.kind };
  if (ext === "pgp" || ext === "gpg") {
    if (input.kind === "gzip") {
      issues.push(makeIssue("FILE_COMPRESSION", "error", `The name ends in .${ext} but the file is gzip data; PGP already compresses, so encrypt the plain file and do not gzip it.`, {}));
    } else {
      issues.push(makeIssue("FILE_COMPRESSION", "info", "The file is PGP-encrypted, so its contents were not checked; validate the file before encrypting it.", {}));
    }
    return { ok: !hasErrors(issues), issues, files: [base], stats: {} };
  }
  if (input.kind === "zip") {
    issues.push(makeIssue("FILE_COMPRESSION", "error", "The file is a zip archive; AAM accepts plain files or gzip (.gz) only.", {}));
    return { ok: false, issues, files: [base], stats: {} };
  }
  if (ext === "gz" && input.kind !== "gzip") {
    issues.push(makeIssue("FILE_COMPRESSION", "error", "The name ends in .gz but the file is not gzip-compressed; gzip it or drop .gz from the name.", {}));
  } else if (ext !== "gz" && input.kind === "gzip") {
    issues.push(makeIssue("FILE_COMPRESSION", "error", "The file is gzip-compressed but its name does not end in .gz; add .gz to the name.", {}));
  }

  // Bounded memory whatever the number of users: the per-user table spills to temporary files past its budget.
  const userSpill = createUserSpill();
  let result: FileValidationResult;
  try {
    const validator = createFileValidator({ idType, mode, maxIssues, decoder: nodeUtf8Decoder, userSpill });
    try {
      const pace = createGcPacer();
      const progress = createProgress(`validate ${name}`, status);
      let read = 0;
      try {
        for await (const chunk of input.chunks()) {
          validator.pushBytes(chunk as Uint8Array);
          pace((read += (chunk as Uint8Array).length));
          progress.update(input.bytesRead(), input.size, validator.lines);
        }
      } finally {
        progress.done();
      }
    } catch (e) {
      if (input.kind !== "gzip" || (e as NodeJS.ErrnoException).code?.startsWith("Z_") !== true) throw e;
      issues.push(makeIssue("FILE_COMPRESSION", "error", `The gzip data is damaged (${(e as Error).message}); re-create the .gz file.`, {}));
    }
    result = validator.finish();
  } finally {
    userSpill.dispose();
  }
  const sizeIssues = checkFileSize({ gzip: input.kind === "gzip", bytes: input.size, rawBytes: result.stats.bytes });
  // File-level issues found here come first (name, compression), size last; all of them count in the stats.
  const fileIssues = [...issues, ...sizeIssues];
  const stats = { ...result.stats, countsByCode: { ...result.countsByCode }, truncated: result.truncated };
  for (const i of fileIssues) {
    stats.countsByCode[i.code] = (stats.countsByCode[i.code] ?? 0) + 1;
    if (i.severity === "error") stats.errors++;
    else if (i.severity === "warning") stats.warnings++;
  }
  return {
    ok: stats.errors === 0,
    issues: [...issues, ...result.issues, ...sizeIssues],
    files: [{ ...base, rawBytes: result.stats.bytes }],
    stats,
  };
}
