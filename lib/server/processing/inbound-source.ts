// Where the processor reads inbound objects from. The job lists an environment's bucket (s3-source.ts);
// tests and the benchmark hand objects over directly.
import type { Readable } from "node:stream";

export interface InboundObject {
  /** Object key relative to the bucket: <prefix>/<partner>/date=YYYY-MM-DD/<name>. */
  key: string;
  etag: string | null;
  open(): Promise<AsyncIterable<Uint8Array> | Readable>;
}

export interface InboundSource {
  /** Prefix of the URIs listed on receipts, e.g. s3n://aam-sandbox (AAM's receipts list s3n:// URIs). */
  uriPrefix: string;
  list(): Promise<InboundObject[]>;
}
