// Bulk-loads the processor's staging rows into a temporary table: COPY FROM STDIN where the server
// supports it (PostgreSQL), batched INSERT ... SELECT FROM unnest(...) otherwise (the embedded PGlite
// socket server has no COPY sub-protocol). Rows are buffered up to a batch and written with backpressure,
// so memory stays bounded whatever the file size.
import "server-only";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export const STAGE_COLUMNS = "rec int4 NOT NULL, user_id text NOT NULL, trait_id uuid, op int2 NOT NULL, line int4 NOT NULL, note text";

/** op: 0 = the record realises nothing (one row per such record), 1 = realise trait_id, 2 = remove it. */
export interface StageRow {
  rec: number;
  userId: string;
  traitId: string | null;
  op: 0 | 1 | 2;
  line: number;
  note: string | null;
}

export type LoadMethod = "copy" | "insert";

export interface StageWriter {
  add(row: StageRow): void;
  /** True when enough rows are buffered that the caller should await flush() before adding more. */
  readonly full: boolean;
  flush(): Promise<void>;
  /** Flushes and ends the load; returns the rows written. */
  end(): Promise<number>;
}

const BATCH = 20_000;

/**
 * Whether this server takes COPY FROM STDIN. PGlite's socket server answers a COPY by dropping the
 * connection ("protocol synchronization was lost"), which would take the transaction with it, so it is
 * recognised by its version string and never probed; any other server is probed inside a savepoint.
 */
export async function detectLoadMethod(client: pg.PoolClient): Promise<LoadMethod> {
  const v = await client.query<{ version: string }>("SELECT version() AS version");
  if (/PGlite|emscripten|wasm32/i.test(v.rows[0]?.version ?? "")) return "insert";
  await client.query("SAVEPOINT copy_probe");
  try {
    await client.query("CREATE TEMP TABLE copy_probe (x int4) ON COMMIT DROP");
    await new Promise<void>((resolve, reject) => {
      const s = client.query(copyFrom("COPY copy_probe FROM STDIN"));
      s.on("error", reject);
      s.on("finish", resolve);
      s.end("1\n");
    });
    const r = await client.query<{ n: string }>("SELECT count(*) AS n FROM copy_probe");
    await client.query("ROLLBACK TO SAVEPOINT copy_probe");
    return r.rows[0]?.n === "1" ? "copy" : "insert";
  } catch {
    await client.query("ROLLBACK TO SAVEPOINT copy_probe");
    return "insert";
  }
}

/** COPY text format: backslash, TAB, LF and CR escaped; \N is NULL. */
function copyText(s: string): string {
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r")) : s;
}

export function createStageWriter(client: pg.PoolClient, table: string, method: LoadMethod): StageWriter {
  let rows = 0;
  if (method === "copy") {
    const stream = client.query(copyFrom(`COPY ${table} (rec, user_id, trait_id, op, line, note) FROM STDIN`));
    let failed: Error | null = null;
    stream.on("error", (e) => (failed = e));
    let buf = "";
    let buffered = 0;
    const write = async () => {
      if (failed) throw failed;
      if (buf === "") return;
      const ok = stream.write(buf);
      buf = "";
      buffered = 0;
      if (!ok) await new Promise<void>((resolve, reject) => {
        stream.once("drain", resolve);
        stream.once("error", reject);
      });
    };
    return {
      add(r) {
        buf += `${r.rec}\t${copyText(r.userId)}\t${r.traitId ?? "\\N"}\t${r.op}\t${r.line}\t${r.note === null ? "\\N" : copyText(r.note)}\n`;
        buffered++;
        rows++;
      },
      get full() {
        return buffered >= BATCH;
      },
      flush: write,
      async end() {
        await write();
        await new Promise<void>((resolve, reject) => {
          if (failed) return reject(failed);
          stream.once("error", reject);
          stream.once("finish", resolve);
          stream.end();
        });
        return rows;
      },
    };
  }
  let cols: [number[], string[], (string | null)[], number[], number[], (string | null)[]] = [[], [], [], [], [], []];
  const write = async () => {
    if (cols[0].length === 0) return;
    const batch = cols;
    cols = [[], [], [], [], [], []];
    await client.query(
      `INSERT INTO ${table} (rec, user_id, trait_id, op, line, note)
       SELECT * FROM unnest($1::int4[], $2::text[], $3::uuid[], $4::int2[], $5::int4[], $6::text[])`,
      batch,
    );
  };
  return {
    add(r) {
      cols[0].push(r.rec);
      cols[1].push(r.userId);
      cols[2].push(r.traitId);
      cols[3].push(r.op);
      cols[4].push(r.line);
      cols[5].push(r.note);
      rows++;
    },
    get full() {
      return cols[0].length >= BATCH;
    },
    flush: write,
    async end() {
      await write();
      return rows;
    },
  };
}
