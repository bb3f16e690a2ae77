// Runs in every test worker: the app's env module reads DATABASE_URL, so point it at this run's database.
import { inject } from "vitest";

process.env.DATABASE_URL = inject("databaseUrl");
