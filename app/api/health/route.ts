// GET /api/health: liveness plus a database round trip, for load balancers and the test harness.
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    await db.$queryRaw`SELECT 1`;
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, reason: "database unreachable" }, { status: 503 });
  }
}
