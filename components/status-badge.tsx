import { STATUS_LABELS } from "@/components/labels";

const TONE: Record<string, string> = {
  received: "bg-slate-100 text-slate-700",
  validated: "bg-sky-100 text-sky-800",
  converted: "bg-indigo-100 text-indigo-800",
  delivered: "bg-green-100 text-green-800",
  processed: "bg-emerald-100 text-emerald-800",
  failed: "bg-red-100 text-red-800",
};

export function StatusBadge({ status }: { status: string }) {
  return (
    <span data-testid="status" className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${TONE[status] ?? ""}`}>
      {STATUS_LABELS[status] ?? status}
    </span>
  );
}
