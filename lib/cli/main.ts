// aam-inbound: check names, validate files and convert CRM exports into AAM inbound files from a shell.
// A thin adapter over lib/aam: argument parsing, file I/O, exit codes. Exit 0 = no error-severity issue,
// 1 = at least one, 2 = usage or I/O error (message on stderr naming the file).
import { pathToFileURL } from "node:url";
import { parseArgs, UsageError } from "./args";
import { CHECK_NAME_SPEC, checkNameCommand } from "./check-name-command";
import { CONVERT_SPEC, convertCommand } from "./convert-command";
import { renderResult, type CliResult } from "./output";
import { terminalStatusLine, type StatusLine } from "./progress";
import { VALIDATE_SPEC, validateCommand } from "./validate-command";

export const USAGE = `Usage:
  aam-inbound check-name <file name or S3 key> [--json]
  aam-inbound validate <file> [--dpid N] [--id-type T] [--mode sync|overwrite] [--max-issues N] [--json]
  aam-inbound convert <crm file> --dpid N [--target-dpid N] --id-column C [--id-type T]
      [--kv COLUMN[=KEY]]... [--trait-id-column C]... [--split SEP] [--mode sync|overwrite]
      [--timestamp S] [--max-part-bytes N] [--no-gzip] [--max-issues N] --out DIR [--json]
      [--encoding utf-8|utf-16le|utf-16be|windows-1252] [--delimiter comma|semicolon|tab|pipe] [--sheet N]

convert reads CSV/TSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon, tab or pipe, detected), .gz and
.xlsx (first visible sheet); --encoding, --delimiter and --sheet override what is detected. A trait-ID
cell may hold several IDs: each --trait-id-column is split on the first of ";", "|", "," or " " found in
its first rows; --split SEP splits every one on SEP instead.
Rows with errors are left out and reported; an input that cannot be read is refused and nothing is written.

ID types: dpuuid, aam_uuid, gaid, idfa, rida, maid, tifa, fire_tv, lgudid, vizio_ifa.
Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  nowSeconds(): number;
  /** A progress line for long work; absent when stderr is not a terminal. */
  status?: StatusLine | undefined;
}

const processIo: CliIo = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  nowSeconds: () => Math.floor(Date.now() / 1000),
  status: terminalStatusLine(process.stderr),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    let result: CliResult;
    let json: boolean;
    switch (command) {
      case "check-name": {
        const args = parseArgs(rest, CHECK_NAME_SPEC);
        json = args.flags.has("json");
        result = checkNameCommand(args, io.nowSeconds());
        break;
      }
      case "validate": {
        const args = parseArgs(rest, VALIDATE_SPEC);
        json = args.flags.has("json");
        result = await validateCommand(args, io.nowSeconds(), io.status);
        break;
      }
      case "convert": {
        const args = parseArgs(rest, CONVERT_SPEC);
        json = args.flags.has("json");
        result = await convertCommand(args, io.nowSeconds(), io.status);
        break;
      }
      case "help":
      case "--help":
      case "-h":
        io.stdout(USAGE);
        return 0;
      case undefined:
        throw new UsageError("no command given");
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
    io.stdout(renderResult(result, json));
    return result.ok ? 0 : 1;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`aam-inbound: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (typeof err?.code === "string") {
      // Node's fs messages already name the path ("ENOENT: no such file or directory, open 'x.csv'").
      io.stderr(`aam-inbound: ${err.path ? `${err.path}: ` : ""}${err.message}\n`);
      return 2;
    }
    throw e;
  }
}

// Run when executed directly (`tsx lib/cli/main.ts`); bin/aam-inbound.mjs imports main() instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`aam-inbound: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
