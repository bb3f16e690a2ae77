"use client";
import { useId, useRef, useState } from "react";

/**
 * A drop zone for one or several files that is also a keyboard-reachable file picker (Enter/Space opens
 * the dialog). Every dropped file is handed over; the caller decides what one file per submission means.
 */
export function FilesDrop({ onFiles, accept, disabled, hint }: { onFiles: (files: File[]) => void; accept?: string; disabled?: boolean; hint: string }) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const hintId = useId();
  return (
    <div
      role="button"
      tabIndex={0}
      aria-disabled={disabled}
      aria-describedby={hintId}
      aria-label="Choose or drop CRM exports"
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          inputRef.current?.click();
        }
      }}
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
      className={`flex cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed p-6 text-center ${
        over ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white"
      }`}
    >
      <p className="font-medium">Drop CRM exports here, or press Enter to choose them</p>
      <p id={hintId} className="mt-1 text-sm text-slate-500">{hint}</p>
      <input
        ref={inputRef}
        type="file"
        multiple
        accept={accept}
        className="sr-only"
        data-testid="file-input"
        tabIndex={-1}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          if (files.length) onFiles(files);
          e.target.value = "";
        }}
      />
    </div>
  );
}
