// `aam-inbound check-name <name-or-s3-key>`: the name rules of spec §1, with the reason for each rejection.
import { idTypeForDpid, parseInboundName, type InboundNameParts } from "../aam/file-name";
import { hasErrors } from "../aam/issues";
import { parseInboundKey } from "../aam/s3-key";
import { UsageError, type ParsedArgs } from "./args";
import type { CliResult } from "./output";

export const CHECK_NAME_SPEC = { flags: ["json"] } as const;

export function checkNameCommand(args: ParsedArgs, nowSeconds: number): CliResult {
  const [input, extra] = args.positionals;
  if (input === undefined) throw new UsageError("check-name needs a file name or S3 key");
  if (extra !== undefined) throw new UsageError(`check-name takes one name, got also "${extra}"`);
  // A slash means an S3 key (<path>/<partner>/date=YYYY-MM-DD/<file>); otherwise a bare file name.
  const isKey = input.includes("/");
  const result = isKey ? parseInboundKey(input, { nowSeconds }) : parseInboundName(input, { nowSeconds });
  const files: Array<Record<string, unknown>> = [];
  if (result.ok) {
    const parts: InboundNameParts = "parts" in result.value ? result.value.parts : result.value;
    const idType = idTypeForDpid(parts.dpid);
    files.push(isKey ? { key: input, ...result.value, idType } : { name: input, ...result.value, idType });
  }
  return { ok: result.ok && !hasErrors(result.issues), issues: result.issues, files, stats: {} };
}
