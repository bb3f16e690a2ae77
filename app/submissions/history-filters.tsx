import Link from "next/link";
import { HISTORY_SORTS, HISTORY_STATUSES, type HistoryQuery } from "@/lib/validation/history";
import { STATUS_LABELS } from "@/components/labels";

const input = "mt-1 block w-full rounded border border-slate-300 px-2 py-1 text-sm";
const SORT_LABELS: Record<(typeof HISTORY_SORTS)[number], string> = { newest: "Newest first", oldest: "Oldest first", name: "File name", largest: "Largest first" };

/** A plain GET form: filters live in the URL, work without JavaScript and can be bookmarked. */
export function HistoryFilters({
  query,
  dataSources,
  environments,
  users,
}: {
  query: Partial<HistoryQuery>;
  dataSources: { id: string; name: string }[];
  environments: { id: string; name: string }[];
  users: string[];
}) {
  return (
    <form method="get" aria-label="Filter submissions" className="grid grid-cols-4 gap-3 rounded-lg border border-slate-200 bg-white p-3 lg:grid-cols-8">
      <label className="col-span-2 text-sm font-medium">
        File name
        <input name="q" type="search" defaultValue={query.q ?? ""} placeholder="Search file names" className={input} />
      </label>
      <label className="text-sm font-medium">
        Data source
        <select name="dataSource" defaultValue={query.dataSource ?? ""} className={input}>
          <option value="">All</option>
          {dataSources.map((d) => <option key={d.id} value={d.id}>{d.name}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium">
        Environment
        <select name="environment" defaultValue={query.environment ?? ""} className={input}>
          <option value="">All</option>
          {environments.map((e) => <option key={e.id} value={e.id}>{e.name}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium">
        Status
        <select name="status" defaultValue={query.status ?? ""} className={input}>
          <option value="">All</option>
          {HISTORY_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium">
        User
        <select name="user" defaultValue={query.user ?? ""} className={input}>
          <option value="">Everyone</option>
          {users.map((u) => <option key={u} value={u}>{u}</option>)}
        </select>
      </label>
      <label className="text-sm font-medium">
        From
        <input name="from" type="date" defaultValue={query.from ?? ""} className={input} />
      </label>
      <label className="text-sm font-medium">
        To
        <input name="to" type="date" defaultValue={query.to ?? ""} className={input} />
      </label>
      <label className="text-sm font-medium">
        Sort
        <select name="sort" defaultValue={query.sort ?? "newest"} className={input}>
          {HISTORY_SORTS.map((s) => <option key={s} value={s}>{SORT_LABELS[s]}</option>)}
        </select>
      </label>
      <div className="col-span-3 flex items-end gap-2">
        <button type="submit" className="rounded bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700">Apply</button>
        <Link href="/submissions" className="rounded border border-slate-300 px-3 py-1.5 text-sm">Clear</Link>
      </div>
    </form>
  );
}
