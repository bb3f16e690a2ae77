// AAM tells files apart by name, and a name is DPID + target + UNIX seconds. Two submissions of one
// data source in the same second would get the same name and the second would find its key taken; so
// each submission takes the first second, from now on, that its data source has not used yet. The
// unique index on (dataSourceId, aamTimestamp) settles races between servers: the loser tries the next.
import "server-only";
import { Prisma, type Submission } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/db";

export async function createWithUniqueTimestamp(
  data: Omit<Prisma.SubmissionUncheckedCreateInput, "aamTimestamp">,
): Promise<Submission> {
  const latest = await db.submission.aggregate({ where: { dataSourceId: data.dataSourceId }, _max: { aamTimestamp: true } });
  let ts = Math.max(Math.floor(Date.now() / 1000), (latest._max.aamTimestamp ?? 0) + 1);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.submission.create({ data: { ...data, aamTimestamp: ts } });
    } catch (error) {
      const taken = error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
      if (!taken || attempt >= 20) throw error;
      ts++;
    }
  }
}
