// Delivery over FTP to a real FTP server in-process (ftp-srv on 127.0.0.1, passive mode on loopback).
import { createHash, randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { FtpSrv } from "ftp-srv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let dir: string;
let ftp: FtpSrv;
let port: number;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-ftp-"));
  await mkdir(path.join(dir, "remote", "inbound"), { recursive: true });
  port = await freePort();
  const pasv = await freePort();
  // A silent stand-in for ftp-srv's bunyan logger (it logs every refused login as an error).
  const quiet: Record<string, unknown> = {};
  for (const m of ["trace", "debug", "info", "warn", "error", "fatal"]) quiet[m] = () => undefined;
  quiet.child = () => quiet;
  ftp = new FtpSrv({ log: quiet as never, url: `ftp://127.0.0.1:${port}`, pasv_url: "127.0.0.1", pasv_min: pasv, pasv_max: pasv + 20, anonymous: false, greeting: "test" });
  ftp.on("login", ({ username, password }, resolve, reject) => {
    if (username === "acme" && password === "ftp-pass") resolve({ root: path.join(dir, "remote") });
    else reject(new Error("530 Login incorrect"));
  });
  await ftp.listen();
  process.env.CREDENTIALS_KEY ??= randomBytes(32).toString("base64");
});

afterAll(async () => {
  await ftp?.close();
  await rm(dir, { recursive: true, force: true });
});

async function ftpEnvironment(password: string) {
  const { saveEnvironment } = await import("@/lib/server/environments/save-environment");
  const { db } = await import("@/lib/server/db");
  const id = await saveEnvironment(
    {
      name: `ftp-${randomBytes(3).toString("hex")}`, kind: "custom", transport: "ftp", prefix: "", region: "us-east-1",
      host: "127.0.0.1", port, username: "acme", remoteDir: "/inbound", credential: { kind: "sftp_password", password },
    },
    "tester",
  );
  return db.environment.findUniqueOrThrow({ where: { id } });
}

describe("FTP delivery", () => {
  it("uploads under the final name, accepts its own earlier upload, never overwrites", async () => {
    const { deliverFile } = await import("@/lib/server/delivery/deliver-file");
    const environment = await ftpEnvironment("ftp-pass");
    const bytes = randomBytes(2 * 1024 * 1024 + 5);
    const local = path.join(dir, "part.gz");
    await writeFile(local, bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await deliverFile(environment, { key: "acme/date=2026-11-23/ftp_dpm_21_1795453912.sync.1.gz", path: local, sha256 });
    expect(await readdir(path.join(dir, "remote", "inbound"))).toEqual(["ftp_dpm_21_1795453912.sync.1.gz"]);
    expect((await readFile(path.join(dir, "remote", "inbound", "ftp_dpm_21_1795453912.sync.1.gz"))).equals(bytes)).toBe(true);
    await deliverFile(environment, { key: "x/ftp_dpm_21_1795453912.sync.1.gz", path: local, sha256 });
    await writeFile(local, randomBytes(10));
    await expect(deliverFile(environment, { key: "x/ftp_dpm_21_1795453912.sync.1.gz", path: local, sha256: "0" })).rejects.toThrow(/already exists .* not overwritten/);
  });

  it("check connection explains a wrong password", async () => {
    const { checkConnection } = await import("@/lib/server/environments/check-connection");
    expect(await checkConnection((await ftpEnvironment("ftp-pass")).id, "tester")).toEqual({ ok: true, reason: "Signed in to 127.0.0.1 over FTP and found /inbound." });
    expect(await checkConnection((await ftpEnvironment("nope")).id, "tester")).toEqual({ ok: false, reason: "The FTP server refused the user name, password or key." });
  });
});
