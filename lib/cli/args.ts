// Minimal argument parsing for aam-inbound: `--name value`, `--name=value`, repeatable options, boolean flags.
// No dependency: the CLI's surface is small and its errors should read like the rest of its messages.

/** Bad command line: the CLI prints the message and exits with 2. */
export class UsageError extends Error {}

export interface ArgSpec {
  /** Options taking a value. */
  options?: readonly string[];
  /** Options taking a value that may repeat. */
  multi?: readonly string[];
  /** Boolean flags. */
  flags?: readonly string[];
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): ParsedArgs {
  const options = new Set([...(spec.options ?? []), ...(spec.multi ?? [])]);
  const multi = new Set(spec.multi ?? []);
  const flagNames = new Set(spec.flags ?? []);
  const out: ParsedArgs = { positionals: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("--") || arg === "-") {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
    if (flagNames.has(name)) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      out.flags.add(name);
      continue;
    }
    if (!options.has(name)) throw new UsageError(`unknown option --${name}`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`--${name} needs a value`);
      value = next;
      i++;
    }
    const list = out.values.get(name) ?? [];
    if (list.length > 0 && !multi.has(name)) throw new UsageError(`--${name} given more than once`);
    list.push(value);
    out.values.set(name, list);
  }
  return out;
}

export function stringOption(args: ParsedArgs, name: string): string | undefined {
  return args.values.get(name)?.[0];
}

export function intOption(args: ParsedArgs, name: string, range: { min: number; max?: number }): number | undefined {
  const raw = stringOption(args, name);
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < range.min || (range.max !== undefined && n > range.max)) {
    throw new UsageError(`--${name} must be between ${range.min} and ${range.max ?? Number.MAX_SAFE_INTEGER}, got ${raw}`);
  }
  return n;
}
