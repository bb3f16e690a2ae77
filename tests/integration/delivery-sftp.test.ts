// Delivery over SFTP to a real SFTP server in-process: the file arrives complete under its final name
// (written as a hidden .partial first), an existing name is never overwritten, and check connection
// explains a wrong password.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSftpServer, type SftpTestServer } from "../support/sftp-server";

let server: SftpTestServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "aam-sftp-"));
  server = await startSftpServer({ root: path.join(dir, "remote"), username: "acme", password: "correct horse" });
  process.env.CREDENTIALS_KEY ??= randomBytes(32).toString("base64");
  await import("node:fs/promises").then((fs) => fs.mkdir(path.join(dir, "remote", "inbound"), { recursive: true }));
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function sftpEnvironment(password: string) {
  const { saveEnvironment } = await import("@/lib/server/environments/save-environment");
  const { db } = await import("@/lib/server/db");
  const id = await saveEnvironment(
    {
      name: `sftp-${randomBytes(3).toString("hex")}`, kind: "custom", transport: "sftp", prefix: "", region: "us-east-1",
      host: "127.0.0.1", port: server.port, username: "acme", remoteDir: "/inbound",
      credential: { kind: "sftp_password", password },
    },
    "tester",
  );
  return db.environment.findUniqueOrThrow({ where: { id } });
}

describe("SFTP delivery", () => {
  it("uploads under the final name and never overwrites", async () => {
    const { deliverFile } = await import("@/lib/server/delivery/deliver-file");
    const environment = await sftpEnvironment("correct horse");
    const bytes = randomBytes(3 * 1024 * 1024 + 17);
    const local = path.join(dir, "part.gz");
    await writeFile(local, bytes);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const progress: number[] = [];
    await deliverFile(environment, { key: "acme/date=2026-11-23/ftp_dpm_21_1795453912.sync.gz", path: local, sha256, onProgress: (n) => progress.push(n) });
    expect(await readdir(path.join(server.root, "inbound"))).toEqual(["ftp_dpm_21_1795453912.sync.gz"]);
    expect((await readFile(path.join(server.root, "inbound", "ftp_dpm_21_1795453912.sync.gz"))).equals(bytes)).toBe(true);
    expect(Math.max(...progress)).toBe(bytes.length);
    // Same name again with the same size: our own earlier delivery, accepted as done.
    await deliverFile(environment, { key: "x/ftp_dpm_21_1795453912.sync.gz", path: local, sha256 });
    await writeFile(local, randomBytes(100));
    await expect(deliverFile(environment, { key: "x/ftp_dpm_21_1795453912.sync.gz", path: local, sha256: "0" })).rejects.toThrow(/already exists .* not overwritten/);
    expect((await readFile(path.join(server.root, "inbound", "ftp_dpm_21_1795453912.sync.gz"))).equals(bytes)).toBe(true);
  });

  it("check connection passes with the right password and explains the wrong one", async () => {
    const { checkConnection } = await import("@/lib/server/environments/check-connection");
    const good = await sftpEnvironment("correct horse");
    expect(await checkConnection(good.id, "tester")).toEqual({ ok: true, reason: "Signed in to 127.0.0.1 and found /inbound." });
    const bad = await sftpEnvironment("wrong");
    expect(await checkConnection(bad.id, "tester")).toEqual({ ok: false, reason: "The SFTP server refused the user name, password or key." });
  });
});
