// AAM's ID-sync call, `/ibs:dpid=<DPID>&dpuuid=<ID>[&redir=<URL>]`: the whole call is one path segment,
// so it lands on this root dynamic segment. Static routes always win over it; any other single-segment
// path that reaches here is not ours and gets a 404.
import { handleIdSync } from "@/lib/server/id-sync/handle-id-sync";
import { idSyncRateLimit } from "@/lib/server/id-sync/id-sync-rate-limit";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ ibs: string }> }): Promise<Response> {
  const { ibs } = await params;
  if (!/^ibs(:|%3a)/i.test(ibs)) return new Response("Not found\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  // Before any parsing or database work: a flood is refused at the cost of one map lookup.
  return idSyncRateLimit(request) ?? handleIdSync(request);
}
