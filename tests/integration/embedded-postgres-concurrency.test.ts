// The embedded database under a pool of concurrent clients, as the app uses it: extended-protocol
// queries with different parameter counts from several connections at once. Without protocol-affinity.ts the first test fails with
// 'bind message supplies 3 parameters, but prepared statement "" requires 2'.
import { connect, type Socket } from "node:net";
import pg from "pg";
import { serialize } from "pg-protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/server/embedded/postgres";
import { affinityAfter } from "@/lib/server/embedded/protocol-affinity";

let pgServer: EmbeddedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  pgServer = await startEmbeddedPostgres({ inMemory: true });
  pool = new pg.Pool({ connectionString: pgServer.url, max: 16 });
  await pool.query("CREATE TABLE t (id int, v text)");
});
afterAll(async () => {
  await pool?.end();
  await pgServer?.stop();
});

describe("embedded PostgreSQL with a pool", () => {
  it("keeps concurrent parameterised queries from different connections apart", async () => {
    const runs = Array.from({ length: 3000 }, (_, i) =>
      i % 3 === 0
        ? pool.query("SELECT $1::int + $2::int + $3::int AS s", [i, 1, 2]).then((r) => expect(r.rows[0].s).toBe(i + 3))
        : i % 3 === 1
          ? pool.query("SELECT $1::int * $2::int AS s", [i, 2]).then((r) => expect(r.rows[0].s).toBe(i * 2))
          : pool.query("SELECT $1::text AS s", [`v${i}`]).then((r) => expect(r.rows[0].s).toBe(`v${i}`)),
    );
    await Promise.all(runs);
  });

  it("keeps one connection's Parse and Bind together when another connection's run falls between them", async () => {
    // Raw protocol, so the interleaving is certain rather than left to timing: A parses a 3-parameter
    // statement, B sends a whole 2-parameter run, then A binds its 3 values.
    const { port } = new URL(pgServer.url);
    const a = await rawClient(Number(port));
    const b = await rawClient(Number(port));
    a.send(serialize.parse({ text: "SELECT $1::int + $2::int + $3::int" }));
    await a.settle();
    b.send(Buffer.concat([serialize.parse({ text: "SELECT $1::int * $2::int" }), serialize.bind({ values: ["6", "7"] }), serialize.execute(), serialize.sync()]));
    await b.settle();
    a.send(Buffer.concat([serialize.bind({ values: ["1", "2", "3"] }), serialize.execute(), serialize.sync()]));
    const [ra, rb] = await Promise.all([a.untilReady(), b.untilReady()]);
    expect(ra.error).toBeNull();
    expect(rb.error).toBeNull();
    expect(ra.values).toEqual(["6"]);
    expect(rb.values).toEqual(["42"]);
    a.end();
    b.end();
  });

  it("pins a connection from Parse to Sync", () => {
    const msg = (type: string, body = "") => new Uint8Array([type.charCodeAt(0), 0, 0, 0, 4 + body.length, ...new TextEncoder().encode(body)]);
    expect(affinityAfter(msg("P"))).toBe("pin");
    expect(affinityAfter(msg("B"))).toBe("pin");
    expect(affinityAfter(msg("E"))).toBe("pin");
    expect(affinityAfter(msg("S"))).toBe("release");
    expect(affinityAfter(msg("Q", "SELECT 1"))).toBe("keep");
  });
});

/** A wire-protocol client that reports errors and DataRow values up to ReadyForQuery. */
async function rawClient(port: number) {
  const socket: Socket = connect(port, "127.0.0.1");
  let buf = Buffer.alloc(0);
  let waiting: (() => void) | null = null;
  socket.on("data", (d) => {
    buf = Buffer.concat([buf, d]);
    waiting?.();
  });
  function messages() {
    const out: { type: string; body: Buffer }[] = [];
    let i = 0;
    while (i + 5 <= buf.length) {
      const len = buf.readInt32BE(i + 1);
      if (i + 1 + len > buf.length) break;
      out.push({ type: String.fromCharCode(buf[i]!), body: buf.subarray(i + 5, i + 1 + len) });
      i += 1 + len;
    }
    return out;
  }
  async function untilReady() {
    while (!messages().some((m) => m.type === "Z")) await new Promise<void>((r) => (waiting = r));
    const ms = messages();
    buf = Buffer.alloc(0);
    const error = ms.find((m) => m.type === "E");
    const values = ms.filter((m) => m.type === "D").map((m) => m.body.subarray(6, 6 + m.body.readInt32BE(2)).toString());
    return { error: error ? error.body.toString().replace(/\0/g, " ") : null, values };
  }
  await new Promise<void>((r) => socket.once("connect", () => r()));
  socket.write(serialize.startup({ user: "postgres", database: "postgres" }));
  await untilReady();
  return {
    send: (b: Buffer) => socket.write(b),
    settle: () => new Promise((r) => setTimeout(r, 100)),
    untilReady,
    end: () => socket.end(),
  };
}
