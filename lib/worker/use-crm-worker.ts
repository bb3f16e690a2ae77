"use client";
// The page's handle on the CRM worker: one worker per page, requests answered by request id, and a
// subscription for what the worker pushes on its own (live counts, late errors).
import { useCallback, useEffect, useMemo, useRef } from "react";
import type { FromWorker, ToWorker } from "@/lib/worker/protocol";

type Request = ToWorker extends infer M ? (M extends ToWorker ? Omit<M, "rid"> : never) : never;
type Answer<T extends FromWorker["type"]> = Extract<FromWorker, { type: T }>;

export interface CrmWorker {
  request<T extends FromWorker["type"]>(message: Request, expect: T): Promise<Answer<T>>;
  subscribe(listener: (m: FromWorker) => void): () => void;
}

export function useCrmWorker(): CrmWorker {
  const workerRef = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, { resolve: (m: FromWorker) => void; reject: (e: Error) => void }>());
  const listeners = useRef(new Set<(m: FromWorker) => void>());
  const nextRid = useRef(1);

  useEffect(() => {
    const worker = new Worker(new URL("./crm.worker.ts", import.meta.url), { type: "module" });
    workerRef.current = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      const rid = "rid" in m ? m.rid : null;
      const waiting = rid === null ? undefined : pending.current.get(rid);
      if (waiting) {
        pending.current.delete(rid!);
        if (m.type === "error") waiting.reject(new Error(m.message));
        else waiting.resolve(m);
        if (m.type !== "opened") return;
      }
      for (const l of listeners.current) l(m);
    };
    worker.onerror = (e) => {
      for (const l of listeners.current) l({ type: "error", rid: null, doc: "", message: e.message || "The file reader stopped unexpectedly." });
    };
    const waiting = pending.current;
    return () => {
      worker.terminate();
      workerRef.current = null;
      for (const p of waiting.values()) p.reject(new Error("The page was closed."));
      waiting.clear();
    };
  }, []);

  const request = useCallback(<T extends FromWorker["type"]>(message: Request, expect: T): Promise<Answer<T>> => {
    return new Promise((resolve, reject) => {
      const worker = workerRef.current;
      if (!worker) return reject(new Error("The file reader is not ready yet; try again in a moment."));
      const rid = nextRid.current++;
      pending.current.set(rid, {
        resolve: (m) => (m.type === expect ? resolve(m as Answer<T>) : reject(new Error(`Unexpected answer ${m.type} to ${message.type}`))),
        reject,
      });
      worker.postMessage({ ...message, rid } as ToWorker);
    });
  }, []);

  const subscribe = useCallback((listener: (m: FromWorker) => void) => {
    listeners.current.add(listener);
    return () => void listeners.current.delete(listener);
  }, []);

  return useMemo(() => ({ request, subscribe }), [request, subscribe]);
}
