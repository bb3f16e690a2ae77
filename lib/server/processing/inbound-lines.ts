// Streams one inbound object as lines: gunzip when the name says .gz, split with lib/aam's byte splitter
// (UTF-8 checked, over-long lines cut), and hand lines over chunk by chunk so the caller can await its
// own writes between chunks. Memory is one decompressed chunk plus one unfinished line.
import "server-only";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { createByteLineSplitter } from "@/lib/aam/line-splitter";

export interface LineSink {
  line(raw: string, droppedChars: number): void;
  /** Awaited after every chunk: the place to flush buffered writes. */
  afterChunk(): Promise<void>;
}

export async function readInboundLines(body: AsyncIterable<Uint8Array> | Readable, gzip: boolean, sink: LineSink): Promise<{ bytes: number; invalidUtf8Lines: number }> {
  const source = body instanceof Readable ? body : Readable.from(body);
  const input: AsyncIterable<Uint8Array> = gzip ? source.pipe(createGunzip()) : source;
  let invalidUtf8Lines = 0;
  // Invalid bytes become U+FFFD; AAM reads ASCII/UTF-8 only, so such lines still count, as whatever they parse to.
  const splitter = createByteLineSplitter(
    (line, _terminated, dropped) => sink.line(line, dropped),
    () => invalidUtf8Lines++,
    (b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8"),
  );
  for await (const chunk of input) {
    splitter.push(chunk);
    await sink.afterChunk();
  }
  splitter.end();
  await sink.afterChunk();
  return { bytes: splitter.bytes, invalidUtf8Lines };
}
