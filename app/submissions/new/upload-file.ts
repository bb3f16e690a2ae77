// Resumable upload: the file goes up in 8 MiB chunks; the server keeps each one at once. If the
// connection drops (or the tab reloads), the next attempt asks the server which chunks it has and sends
// only the rest. XMLHttpRequest rather than fetch: it reports upload progress within a chunk.
import type { SubmissionMeta } from "@/lib/validation/submission";

interface UploadState {
  id: string;
  chunkSize: number;
  chunks: number;
  received: number[];
}

export class DuplicateSubmissionError extends Error {
  constructor(
    message: string,
    readonly previousId: string,
  ) {
    super(message);
  }
}

const RETRIES = 5;
const storageKey = (file: File) => `aam-upload:${file.name}:${file.size}:${file.lastModified}`;

async function json<T>(res: Response): Promise<T> {
  const body = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok) throw Object.assign(new Error(body.error ?? `The server answered HTTP ${res.status}.`), { status: res.status, body });
  return body;
}

async function startOrResume(file: File, environmentId: string): Promise<UploadState> {
  const known = localStorage.getItem(storageKey(file));
  if (known) {
    const res = await fetch(`/api/uploads/${known}`);
    if (res.ok) {
      const state = (await res.json()) as UploadState & { status: string; expired: boolean };
      if (state.status === "open" && !state.expired) return state;
      if (state.status === "complete") return state;
    }
  }
  const created = await json<UploadState>(
    await fetch("/api/uploads", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ fileName: file.name, size: file.size, environmentId }) }),
  );
  localStorage.setItem(storageKey(file), created.id);
  return created;
}

function sendChunk(url: string, blob: Blob, onProgress: (loaded: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onerror = () => reject(Object.assign(new Error("The connection dropped."), { retry: true }));
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let message = `The server refused a chunk (HTTP ${xhr.status}).`;
      try {
        message = (JSON.parse(xhr.responseText) as { error?: string }).error ?? message;
      } catch {
        /* keep the generic message */
      }
      reject(Object.assign(new Error(message), { retry: xhr.status >= 500 }));
    };
    xhr.send(blob);
  });
}

export async function uploadFile(
  file: File,
  meta: SubmissionMeta,
  onProgress: (loaded: number, total: number) => void,
): Promise<{ id: string }> {
  const state = await startOrResume(file, meta.environmentId);
  const have = new Set(state.received);
  let done = state.received.reduce((n, i) => n + Math.min(state.chunkSize, file.size - i * state.chunkSize), 0);
  onProgress(done, file.size);
  for (let index = 0; index < state.chunks; index++) {
    if (have.has(index)) continue;
    const blob = file.slice(index * state.chunkSize, Math.min(file.size, (index + 1) * state.chunkSize));
    for (let attempt = 1; ; attempt++) {
      try {
        await sendChunk(`/api/uploads/${state.id}/chunks/${index}`, blob, (loaded) => onProgress(done + loaded, file.size));
        break;
      } catch (error) {
        if (!(error as { retry?: boolean }).retry || attempt >= RETRIES) throw error;
        await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
      }
    }
    done += blob.size;
    onProgress(done, file.size);
  }
  const res = await fetch("/api/submissions", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ uploadId: state.id, meta }),
  });
  const body = (await res.json().catch(() => ({}))) as { id?: string; error?: string; duplicateOf?: string };
  if (res.status === 409 && body.duplicateOf) throw new DuplicateSubmissionError(body.error ?? "Already sent.", body.duplicateOf);
  if (!res.ok || !body.id) throw new Error(body.error ?? `The server refused the submission (HTTP ${res.status}).`);
  localStorage.removeItem(storageKey(file));
  return { id: body.id };
}
