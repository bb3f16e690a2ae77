// The Web Worker adapter over lib/crm + lib/aam: every byte of every dropped file is read, decoded,
// parsed, mapped and checked here, so the page's main thread only renders what this posts.
import { ImportRefusedError } from "@/lib/crm/byte-input";
import { exportIssues, previewStep, rowsForView } from "@/lib/worker/row-access";
import { ImportSession } from "@/lib/worker/session";
import type { FromWorker, ToWorker } from "@/lib/worker/protocol";

const post = (m: FromWorker) => (self as unknown as Worker).postMessage(m);
const sessions = new Map<string, ImportSession>();

function message(error: unknown): string {
  if (error instanceof ImportRefusedError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

async function handle(msg: ToWorker): Promise<void> {
  if (msg.type === "open") {
    sessions.get(msg.doc)?.cancel();
    const s = new ImportSession(msg.doc, msg.file, msg.read, msg.settings, msg.templates, post);
    sessions.set(msg.doc, s);
    await s.openPass(msg.rid);
    return;
  }
  const s = sessions.get(msg.doc);
  if (!s) throw new Error("That file is no longer open; drop it again.");
  switch (msg.type) {
    case "configure":
      post({ type: "done", rid: msg.rid, doc: msg.doc });
      await s.configure(msg.settings);
      return;
    case "rows": {
      const { total, rows } = await rowsForView(s, msg.view, msg.start, msg.count);
      post({ type: "rows", rid: msg.rid, doc: msg.doc, view: msg.view, start: msg.start, total, rows });
      return;
    }
    case "preview": {
      const { items, affected } = await previewStep(s, msg.step, msg.key, msg.column);
      post({ type: "preview", rid: msg.rid, doc: msg.doc, items, affected });
      return;
    }
    case "exportIssues": {
      const { blob, issues } = await exportIssues(s);
      post({ type: "issuesCsv", rid: msg.rid, doc: msg.doc, blob, issues });
      return;
    }
    case "close":
      s.cancel();
      sessions.delete(msg.doc);
      post({ type: "done", rid: msg.rid, doc: msg.doc });
      return;
  }
}

// Messages are handled concurrently: a long pass awaits between batches, so row requests for the grid
// are answered while it runs, and a newer pass cancels an older one.
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  handle(msg).catch((error: unknown) => post({ type: "error", rid: "rid" in msg ? msg.rid : null, doc: msg.doc, message: message(error) }));
};
