// The embedded database for a machine with no DATABASE_URL: PGlite (PostgreSQL compiled to WASM) kept
// under .data/, served on a loopback port by pglite-socket. Serving it over the wire protocol, rather
// than through an in-process adapter, means the app, pg-boss, migrations and tests all use the one real
// PostgreSQL code path (@prisma/adapter-pg); only the server at the other end differs.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { keepProtocolRunsTogether } from "./protocol-affinity";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(
  opts: { dataDir?: string; port?: number; inMemory?: boolean } = {},
): Promise<EmbeddedPostgres> {
  const dataDir = opts.dataDir ?? path.resolve(process.cwd(), ".data/pg");
  if (!opts.inMemory) await mkdir(dataDir, { recursive: true });
  // pg_trgm backs the history's file-name search index (a migration creates the extension).
  const db = await PGlite.create(opts.inMemory ? undefined : dataDir, { extensions: { pg_trgm } });
  // The socket server queues queries and keeps a connection's transaction exclusive; with its protocol
  // runs also kept together (protocol-affinity.ts) a pool of clients is safe on PGlite's one session.
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 32 });
  keepProtocolRunsTogether(server);
  await server.start();
  const url = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  return {
    url,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
