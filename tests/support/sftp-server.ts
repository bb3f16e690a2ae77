// A real SFTP server (ssh2's server side) on 127.0.0.1, backed by a local folder: enough of the
// protocol for delivery (stat, open/write/close, rename, realpath) to run unchanged against it.
import { closeSync, mkdirSync, openSync, renameSync, statSync, writeSync, fstatSync, constants as fsc } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import ssh2 from "ssh2";

const { Server, utils } = ssh2;
const { OPEN_MODE, STATUS_CODE } = utils.sftp;

export interface SftpTestServer {
  port: number;
  root: string;
  close(): Promise<void>;
}

export async function startSftpServer(opts: { root: string; username: string; password: string }): Promise<SftpTestServer> {
  mkdirSync(opts.root, { recursive: true });
  const hostKey = utils.generateKeyPairSync("ed25519");
  const resolve = (p: string) => {
    const full = path.resolve(opts.root, "." + path.posix.resolve("/", p));
    if (!full.startsWith(path.resolve(opts.root))) throw new Error("outside root");
    return full;
  };
  const attrsOf = (st: import("node:fs").Stats) => ({ mode: st.mode, uid: 0, gid: 0, size: st.size, atime: Math.floor(st.atimeMs / 1000), mtime: Math.floor(st.mtimeMs / 1000) });

  const server = new Server({ hostKeys: [hostKey.private] }, (client) => {
    client.on("authentication", (ctx) => {
      if (ctx.method === "password" && ctx.username === opts.username && ctx.password === opts.password) ctx.accept();
      else ctx.reject(["password"]);
    });
    client.on("error", () => undefined);
    client.on("ready", () => {
      client.on("session", (acceptSession) => {
        acceptSession().on("sftp", (acceptSftp) => {
          const sftp = acceptSftp();
          const handles = new Map<number, number>();
          let next = 0;
          const handle = (fd: number) => {
            const h = Buffer.alloc(4);
            h.writeUInt32BE(++next);
            handles.set(next, fd);
            return h;
          };
          const fdOf = (h: Buffer) => handles.get(h.readUInt32BE(0));
          sftp.on("REALPATH", (id, p) => sftp.name(id, [{ filename: path.posix.resolve("/", p), longname: "", attrs: {} as never }]));
          const stat = (id: number, p: string) => {
            try {
              sftp.attrs(id, attrsOf(statSync(resolve(p))));
            } catch {
              sftp.status(id, STATUS_CODE.NO_SUCH_FILE);
            }
          };
          sftp.on("STAT", stat);
          sftp.on("LSTAT", stat);
          sftp.on("OPEN", (id, filename, flags) => {
            try {
              let mode = fsc.O_RDONLY;
              if (flags & OPEN_MODE.WRITE) mode = fsc.O_WRONLY;
              if (flags & OPEN_MODE.READ && flags & OPEN_MODE.WRITE) mode = fsc.O_RDWR;
              if (flags & OPEN_MODE.CREAT) mode |= fsc.O_CREAT;
              if (flags & OPEN_MODE.TRUNC) mode |= fsc.O_TRUNC;
              if (flags & OPEN_MODE.EXCL) mode |= fsc.O_EXCL;
              if (flags & OPEN_MODE.APPEND) mode |= fsc.O_APPEND;
              sftp.handle(id, handle(openSync(resolve(filename), mode)));
            } catch {
              sftp.status(id, STATUS_CODE.FAILURE);
            }
          });
          sftp.on("WRITE", (id, h, offset, data) => {
            const fd = fdOf(h);
            if (fd === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            writeSync(fd, data, 0, data.length, offset);
            sftp.status(id, STATUS_CODE.OK);
          });
          sftp.on("FSTAT", (id, h) => {
            const fd = fdOf(h);
            if (fd === undefined) return sftp.status(id, STATUS_CODE.FAILURE);
            sftp.attrs(id, attrsOf(fstatSync(fd)));
          });
          sftp.on("FSETSTAT", (id) => sftp.status(id, STATUS_CODE.OK));
          sftp.on("SETSTAT", (id) => sftp.status(id, STATUS_CODE.OK));
          sftp.on("CLOSE", (id, h) => {
            const fd = fdOf(h);
            if (fd !== undefined) {
              closeSync(fd);
              handles.delete(h.readUInt32BE(0));
            }
            sftp.status(id, STATUS_CODE.OK);
          });
          sftp.on("RENAME", (id, from, to) => {
            try {
              renameSync(resolve(from), resolve(to));
              sftp.status(id, STATUS_CODE.OK);
            } catch {
              sftp.status(id, STATUS_CODE.FAILURE);
            }
          });
        });
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  return {
    port: (server.address() as AddressInfo).port,
    root: opts.root,
    close: () => new Promise((r) => server.close(() => r())),
  };
}
