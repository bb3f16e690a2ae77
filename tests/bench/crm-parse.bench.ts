// Decoder + CSV parser throughput on a realistic 1,000,000 x 12 CRM export (~130 MB), fed as 1 MiB
// byte chunks the way the worker reads a File, against bare Papa Parse on the same text in the same run.
// Prints JSON lines; no timed assertions (numbers vary by machine, the ratio is what we watch).
import Papa from "papaparse";
import { createCsvParser } from "../../lib/crm/csv-parser";
import { createDecoder } from "../../lib/crm/decode";
import { createCrmReader } from "../../lib/crm/reader";

const ROWS = Number(process.env.CRM_BENCH_ROWS ?? 1_000_000);
const CHUNK = 1 << 20;
const RUNS = 3;

function print(metric: string, value: number, extra: Record<string, unknown> = {}): void {
  console.log(JSON.stringify({ bench: "crm", metric, value: Math.round(value * 1000) / 1000, ...extra }));
}

// Deterministic xorshift so every run parses the same bytes.
let seed = 0x2545f491;
const rand = (n: number): number => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) % n;
};
const FIRST = ["Anna", "Jürgen", "Zoë", "Chloé", "Max", "Sofia", "Björn", "Liam", "Noah", "Émile", "Olivia", "Mia"];
const LAST = ["Müller", "Schmidt", "García", "O'Brien", "Nguyen", "Dubois", "Rossi", "Smith", "Kowalski", "Søren"];
const CITY = ["Berlin", "München", "Paris", "Madrid", "London", "Wien", "Zürich", "Köln", "Lyon", "Roma"];
const TIER = ["gold", "silver", "bronze", "platinum"];

function generate(quoted: boolean): string {
  const lines: string[] = [
    "customer_id,email,first_name,last_name,phone,country,zip,signup_date,loyalty_tier,segments,newsletter,city",
  ];
  for (let i = 0; i < ROWS; i++) {
    const first = FIRST[rand(FIRST.length)]!;
    const last = LAST[rand(LAST.length)]!;
    const city = CITY[rand(CITY.length)]!;
    // One row in ten has a quoted city with a comma, one in fifty a doubled quote: real exports do both.
    const cityField = !quoted ? city : i % 10 === 0 ? `"${city}, Mitte"` : i % 50 === 1 ? `"${city} ""Altstadt"""` : city;
    lines.push(
      [
        String(100000000 + i).padStart(10, "0"),
        `${first.toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
        first,
        last,
        `+49 30 ${1000000 + rand(8999999)}`,
        "DE",
        String(rand(99999)).padStart(5, "0"),
        `20${10 + rand(15)}-0${1 + rand(9)}-1${rand(10)}`,
        TIER[rand(4)]!,
        `${1000 + rand(9000)}|${1000 + rand(9000)}`,
        rand(2) ? "Y" : "N",
        cityField,
      ].join(","),
    );
  }
  return lines.join("\n") + "\n";
}

function chunksOf(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += CHUNK) out.push(bytes.subarray(at, Math.min(at + CHUNK, bytes.length)));
  return out;
}

function time(fn: () => number): { ms: number; rows: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const rows = fn();
  return { ms: performance.now() - t0, rows };
}

function best(fn: () => number): { ms: number; rows: number } {
  let result = time(fn);
  for (let r = 1; r < RUNS; r++) {
    const next = time(fn);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

function benchVariant(variant: "quoted" | "unquoted"): void {
  const text = generate(variant === "quoted");
  const bytes = new TextEncoder().encode(text);
  const chunks = chunksOf(bytes);
  const mb = bytes.length / 1e6;
  print("input_mb", mb, { variant, rows: ROWS, columns: 12 });

  // Ours, as the pipeline runs it: bytes -> decoder -> streaming parser; rows are consumed, not kept.
  const ours = best(() => {
    const decoder = createDecoder("utf-8");
    const parser = createCsvParser({ delimiter: "," });
    let rows = 0;
    for (const c of chunks) rows += parser.push(decoder.decode(c)).length;
    rows += parser.push(decoder.end()).length + parser.end().length;
    return rows - 1;
  });
  // Same, with the host's TextDecoder lent to createDecoder (what the worker and server adapters can do).
  const native = { native: () => new TextDecoder("utf-8") };
  const oursNative = best(() => {
    const decoder = createDecoder("utf-8", native);
    const parser = createCsvParser({ delimiter: "," });
    let rows = 0;
    for (const c of chunks) rows += parser.push(decoder.decode(c)).length;
    rows += parser.push(decoder.end()).length + parser.end().length;
    return rows - 1;
  });
  const decodeOnly = best(() => {
    const decoder = createDecoder("utf-8");
    let n = 0;
    for (const c of chunks) n += decoder.decode(c).length;
    return n;
  });
  const parseOnly = best(() => {
    const parser = createCsvParser({ delimiter: "," });
    let rows = 0;
    for (let at = 0; at < text.length; at += CHUNK) rows += parser.push(text.slice(at, at + CHUNK)).length;
    return rows + parser.end().length - 1;
  });
  const reader = best(() => {
    const r = createCrmReader();
    let rows = 0;
    for (const c of chunks) rows += r.push(c).rows.length;
    return rows + r.end().rows.length;
  });
  // Bare Papa Parse on the already-decoded text: it gets decoding for free and keeps every row.
  const papa = best(() => {
    const data = Papa.parse<string[]>(text).data;
    // Papa returns the empty line after the final line break as a row of its own; we skip blank lines.
    const last = data[data.length - 1];
    return data.length - 1 - (last && last.length === 1 && last[0] === "" ? 1 : 0);
  });

  const rate = (r: { ms: number; rows: number }): number => r.rows / (r.ms / 1000);
  print("parse_rows_per_s", rate(ours), { variant, ms: Math.round(ours.ms), rows: ours.rows, stage: "decode+parse" });
  print("parse_mb_per_s", mb / (ours.ms / 1000), { variant });
  print("parse_native_decoder_rows_per_s", rate(oursNative), { variant, ms: Math.round(oursNative.ms), stage: "native TextDecoder+parse" });
  print("decode_mb_per_s", mb / (decodeOnly.ms / 1000), { variant, ms: Math.round(decodeOnly.ms) });
  print("parse_only_rows_per_s", rate(parseOnly), { variant, ms: Math.round(parseOnly.ms), stage: "parse (text in)" });
  print("reader_rows_per_s", rate(reader), { variant, ms: Math.round(reader.ms), stage: "detect+decode+parse+header+ragged+excel-damage" });
  print("papa_rows_per_s", rate(papa), { variant, ms: Math.round(papa.ms), rows: papa.rows });
  print("ratio_vs_papa", rate(ours) / rate(papa), { variant, note: "ours (hand-written decode + parse) / papa (parse only)" });
  print("ratio_native_vs_papa", rate(oursNative) / rate(papa), { variant, note: "ours (native decode + parse) / papa (parse only)" });
  if (ours.rows !== papa.rows || oursNative.rows !== ROWS || reader.rows !== ROWS) {
    console.log(JSON.stringify({ bench: "crm", error: "row counts differ", ours: ours.rows, papa: papa.rows, reader: reader.rows }));
    process.exitCode = 1;
  }
}

benchVariant("quoted");
benchVariant("unquoted");
