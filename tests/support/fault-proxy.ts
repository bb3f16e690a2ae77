// A fault-injecting HTTP proxy in front of a real S3-compatible server: it can answer chosen requests
// with 500, cut the connection mid-request, or throttle bandwidth, to prove retries and resumption.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface FaultPlan {
  /** Called for every request; return "500" or "drop" to inject a fault, or null to forward it. */
  decide(req: http.IncomingMessage, n: number): "500" | "drop" | null;
  /** Bytes per second for request bodies forwarded upstream (unlimited when unset). */
  throttleBytesPerSecond?: number;
}

export interface FaultProxy {
  url: string;
  log: { method: string; url: string; fault: string | null }[];
  close(): Promise<void>;
}

export async function startFaultProxy(upstream: string, plan: FaultPlan): Promise<FaultProxy> {
  const target = new URL(upstream);
  const log: FaultProxy["log"] = [];
  const upstreams = new Set<http.ClientRequest>();
  const server = http.createServer((req, res) => {
    const fault = plan.decide(req, log.length);
    log.push({ method: req.method ?? "", url: req.url ?? "", fault });
    if (fault === "500") {
      req.resume();
      req.on("end", () => {
        res.writeHead(500, { "Content-Type": "application/xml" });
        res.end('<?xml version="1.0"?><Error><Code>InternalError</Code><Message>injected</Message></Error>');
      });
      return;
    }
    if (fault === "drop") {
      req.once("data", () => req.socket.destroy());
      req.on("end", () => req.socket.destroy());
      return;
    }
    // Store and forward: a request body reaches the server only when it is complete, as S3 itself only
    // stores complete PUTs (s3rver would keep the truncated body of a client that died mid-upload).
    const chunks: Buffer[] = [];
    const start = Date.now();
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      received += chunk.length;
      const rate = plan.throttleBytesPerSecond;
      const ahead = rate ? received / rate - (Date.now() - start) / 1000 : 0;
      if (ahead > 0) {
        req.pause();
        setTimeout(() => req.resume(), ahead * 1000);
      }
    });
    req.on("end", () => {
      const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      upstreams.add(up);
      up.on("close", () => upstreams.delete(up));
      up.on("error", () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise((r) => {
        for (const up of upstreams) up.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
