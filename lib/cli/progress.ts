// One status line on a terminal while convert or validate works through a large file ("45% · 450 MB of
// 1.0 GB · 10,512,000 rows · 12 s, about 15 s left"), redrawn at most four times a second and erased at the
// end. Only when stderr is a terminal: piped or redirected output (CI logs, `--json` consumers) stays clean.
import { formatBytes } from "../../components/format";

/** Draws a status line (null erases it). */
export type StatusLine = (text: string | null) => void;

export interface Progress {
  /** `bytes` of `total` read so far (compressed bytes for a .gz), `rows` data rows or lines so far. */
  update(bytes: number, total: number, rows: number): void;
  done(): void;
}

const REDRAW_MS = 250;

export function createProgress(label: string, status: StatusLine | undefined, now: () => number = Date.now): Progress {
  if (!status) return { update() {}, done() {} };
  const started = now();
  let last = 0;
  let drawn = false;
  return {
    update(bytes, total, rows) {
      const t = now();
      if (t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      status(progressText(label, bytes, total, rows, (t - started) / 1000));
    },
    done() {
      if (drawn) status(null);
      drawn = false;
    },
  };
}

export function progressText(label: string, bytes: number, total: number, rows: number, seconds: number): string {
  const share = total > 0 ? Math.min(1, bytes / total) : 0;
  const parts = [`${label}: ${Math.floor(share * 100)}%`, `${formatBytes(bytes)} of ${formatBytes(total)}`, `${rows.toLocaleString("en-US")} rows`, `${Math.round(seconds)} s`];
  // An estimate only once there is something to go on (a few seconds and a few percent in).
  if (seconds >= 2 && share >= 0.02 && share < 1) parts[parts.length - 1] += `, about ${Math.round((seconds / share) * (1 - share))} s left`;
  return parts.join(" · ");
}

/** The status line of a real terminal: carriage return and "erase line", so it redraws in place. */
export function terminalStatusLine(stream: { isTTY?: boolean; write(text: string): unknown }): StatusLine | undefined {
  if (!stream.isTTY) return undefined;
  return (text) => void stream.write(text === null ? "\r\x1b[2K" : `\r\x1b[2K${text}`);
}
