import { describe, expect, it } from "vitest";
import { isConnectionLoss } from "@/lib/server/jobs/connection-loss-guard";

const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe("isConnectionLoss", () => {
  it.each([
    [pgError("57P01", "terminating connection due to administrator command"), true],
    [pgError("57P02", "terminating connection because of crash of another server process"), true],
    [pgError("08006", "connection failure"), true],
    [new Error("Connection terminated unexpectedly"), true],
    [new Error("Connection terminated"), true],
    [new Error("Client was closed and is not queryable"), true],
    // Real faults must still end the process.
    [pgError("23505", "duplicate key value violates unique constraint"), false],
    [pgError("42P01", 'relation "x" does not exist'), false],
    [new Error("Connection terminated by a typo in our own code path"), false],
    [new TypeError("Cannot read properties of undefined"), false],
    ["57P01", false],
    [undefined, false],
  ])("%s → %s", (reason, expected) => {
    expect(isConnectionLoss(reason)).toBe(expected);
  });
});
