// pglite-socket queues each wire-protocol message on its own and keeps a connection exclusive only inside
// a transaction. Outside one, two connections' extended-protocol runs (Parse, Bind, Execute … Sync)
// interleave on PGlite's single session, and one connection's Bind meets the other's unnamed statement:
// "bind message supplies 3 parameters, but prepared statement "" requires 2". This keeps a connection
// exclusive from its first extended-protocol message to its Sync, by replacing the queue's scheduler on
// this one server instance (the library has no option for it). A simple Query is one message and needs
// no pin.
import type { PGLiteSocketServer } from "@electric-sql/pglite-socket";

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: { isInTransaction(): boolean; runExclusive<T>(fn: () => Promise<T>): Promise<T>; execProtocolRawStream(m: Uint8Array, o: { onRawData(d: Uint8Array): void }): Promise<unknown> };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

const EXTENDED = new Set("PBDEHC".split("").map((c) => c.charCodeAt(0))); // Parse Bind Describe Execute Flush Close
const SYNC = "S".charCodeAt(0);

/** What a message does to the connection's claim on the session: take it, release it, or neither. */
export function affinityAfter(message: Uint8Array): "pin" | "release" | "keep" {
  const type = message[0]!;
  if (EXTENDED.has(type)) return "pin";
  if (type === SYNC) return "release";
  return "keep";
}

export function keepProtocolRunsTogether(server: PGLiteSocketServer): void {
  const q = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  let pinned: number | null = null;

  q.processQueue = async function processQueue(this: QueryQueue) {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = this.db.isInTransaction() && this.lastHandlerId !== null ? this.lastHandlerId : pinned;
        const index = owner === null ? 0 : this.queue.findIndex((m) => m.handlerId === owner);
        if (index === -1) break; // the owner's next message has not arrived yet; its enqueue resumes us
        const item = this.queue.splice(index, 1)[0]!;
        let bytes = 0;
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (d) => ((bytes += d.length), item.onData(d)) }));
        } catch (error) {
          pinned = null;
          item.reject(error);
          continue;
        }
        const next = affinityAfter(item.message);
        if (next === "pin") pinned = item.handlerId;
        else if (next === "release" && pinned === item.handlerId) pinned = null;
        this.lastHandlerId = item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }.bind(q);

  // A connection that goes away mid-run must not hold the session forever.
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId: number) => {
    clear(handlerId);
    if (pinned === handlerId) {
      pinned = null;
      void q.processQueue();
    }
  };
}
