// A fault-injecting HTTP proxy in front of a real S3-compatible server: it can answer chosen requests
// with 500, cut the connection mid-request, or throttle bandwidth, to prove retries and resumption.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Fault = "500" | "drop" | "drop-response";

export interface FaultPlan {
  /**
   * Called for every request; return a fault or null to forward it. "500": answered with an error and
   * not forwarded; "drop": the connection is cut before the server sees the request; "drop-response":
   * the server does the request but the connection is cut before its answer (a PUT that succeeded
   * while the client saw a failure).
   */
  decide(req: http.IncomingMessage, n: number): Fault | null;
  /** Bytes per second for request bodies forwarded upstream (unlimited when unset). */
  throttleBytesPerSecond?: number;
  /** Forward request bodies as they arrive instead of only once complete. */
  stream?: boolean;
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
    // Store and forward by default: a request body reaches the server only when it is complete, as S3
    // itself only stores complete PUTs. With `stream`, bytes go on as they arrive and a client that dies
    // mid-upload leaves the server a truncated request, as it would the app's embedded s3rver.
    const up = (body?: Buffer) => {
      const r = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
        if (fault === "drop-response") {
          upRes.resume();
          upRes.on("end", () => req.socket.destroy());
          return;
        }
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      });
      upstreams.add(r);
      r.on("close", () => upstreams.delete(r));
      r.on("error", () => res.destroy());
      if (body) r.end(body);
      return r;
    };
    const streamed = plan.stream ? up() : null;
    if (streamed) req.on("close", () => { if (!req.complete) streamed.destroy(); });
    const chunks: Buffer[] = [];
    const start = Date.now();
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      if (streamed) streamed.write(chunk);
      else chunks.push(chunk);
      received += chunk.length;
      const rate = plan.throttleBytesPerSecond;
      const ahead = rate ? received / rate - (Date.now() - start) / 1000 : 0;
      if (ahead > 0) {
        req.pause();
        setTimeout(() => req.resume(), ahead * 1000);
      }
    });
    req.on("end", () => {
      if (streamed) streamed.end();
      else up(Buffer.concat(chunks));
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
