// Runs before every test file: points the app's DATABASE_URL at a migrated database of that file's own.
import { afterAll } from "vitest";
import { closeDb } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createTestDatabase } from "../helpers/database";

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATA_DIR = database.dir;
resetEnvForTests();

afterAll(async () => {
  await closeDb();
  database.remove();
});
