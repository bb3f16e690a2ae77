// Global setup for the db/integration project: one fresh migrated database for the run, handed to the
// test files through DATABASE_URL (the app's own env module reads it, as in production).
import type { TestProject } from "vitest/node";
import { createTestDatabase } from "./database";

export default async function setup(project: TestProject) {
  const db = await createTestDatabase("db");
  process.env.DATABASE_URL = db.url;
  project.provide("databaseUrl", db.url);
  project.provide("databaseKind", db.kind);
  return async () => db.drop();
}

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    databaseKind: "postgresql" | "embedded";
    appUrl: string;
    s3Endpoint: string;
    chromiumPath: string;
  }
}
