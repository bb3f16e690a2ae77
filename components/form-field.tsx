// One labelled input with its field error, wired for screen readers (aria-invalid, aria-describedby): the
// markup every form here repeated by hand. Presentational only, so server and client forms can both use it.
import type { InputHTMLAttributes, ReactNode } from "react";

/** The text input style the forms share (select and textarea elements use it too). */
export const FIELD_INPUT_CLASS = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, "name"> & {
  label: ReactNode;
  name: string;
  /** The first zod message for this field, if any. */
  error?: string | undefined;
  /** Unique per page when two forms share field names (default `${name}-err`). */
  errorId?: string;
  /** The label's layout: "block" when the form stacks its fields, none in a grid. */
  labelClassName?: string;
};

export function FormField({ label, name, error, errorId = `${name}-err`, labelClassName = "text-sm font-medium", className = FIELD_INPUT_CLASS, ...input }: Props) {
  return (
    <label className={labelClassName}>
      {label}
      <input name={name} className={className} aria-invalid={Boolean(error)} aria-describedby={errorId} {...input} />
      <span id={errorId} className="text-xs text-red-700">
        {error}
      </span>
    </label>
  );
}
