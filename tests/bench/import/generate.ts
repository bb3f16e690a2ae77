// The benchmark's input: a realistic 1,000,000 x 12 CRM export (~130 MB) written straight to disk, the
// same shape as crm-parse.bench.ts (quoted cities with commas, doubled quotes, umlauts, pipes).
import { createWriteStream } from "node:fs";
import { stat } from "node:fs/promises";

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

export async function generateCrmExport(path: string, rows: number): Promise<{ path: string; bytes: number; rows: number }> {
  seed = 0x2545f491;
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once("drain", () => r())));
  await write("customer_id,email,first_name,last_name,phone,country,zip,signup_date,loyalty_tier,segments,newsletter,city\n");
  let batch = "";
  for (let i = 0; i < rows; i++) {
    const first = FIRST[rand(FIRST.length)]!;
    const last = LAST[rand(LAST.length)]!;
    const city = CITY[rand(CITY.length)]!;
    const cityField = i % 10 === 0 ? `"${city}, Mitte"` : i % 50 === 1 ? `"${city} ""Altstadt"""` : city;
    batch +=
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
      ].join(",") + "\n";
    if (batch.length > 1 << 20) {
      await write(batch);
      batch = "";
    }
  }
  await write(batch);
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return { path, bytes: (await stat(path)).size, rows };
}
