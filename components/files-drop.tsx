"use client";
import { useId, useRef, useState } from "react";

/**
 * A drop zone for one or several files that is also a keyboard-reachable file picker: a real button
 * (Enter/Space open the dialog, its visible text is its accessible name) that also takes drops. The file
 * input sits beside it, hidden, rather than inside it: an input inside a button is a nested control that
 * screen readers announce twice or not at all. Every dropped file is handed over; the caller decides what
 * one file per submission means.
 */
export function FilesDrop({ onFiles, accept, disabled, hint }: { onFiles: (files: File[]) => void; accept?: string; disabled?: boolean; hint: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  return (
    <div>
      <button
        type="button"
        aria-disabled={disabled}
        aria-describedby={hintId}
        data-testid="drop-zone"
        data-drag-over={over ? "true" : undefined}
        onClick={() => inputRef.current?.click()}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = [...e.dataTransfer.files];
          if (files.length && !disabled) onFiles(files);
        }}
        className={`flex w-full cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-center ${
          over ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"
        }`}
      >
        <span className="font-medium">Drop CRM exports here, or press Enter to choose them</span>
        <span id={hintId} className="mt-1 text-sm text-slate-600">{hint}</span>
      </button>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={accept}
        hidden
        aria-label="CRM export files"
        data-testid="file-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length) onFiles(files);
          e.target.value = "";
        }}
      />
    </div>
  );
}
