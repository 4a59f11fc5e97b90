// Runs before every test file: points the app's DATABASE_URL at a migrated database of that file's own.
import { afterAll } from "vitest";
import { insertAccount } from "@/lib/auth/admin-accounts";
import { usePasswordHashParametersForTests } from "@/lib/auth/password-hash";
import { closeDb, writeTransaction } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { TEST_OWNER_ACCOUNT } from "../factories/admin-env";
import { createTestDatabase } from "../helpers/database";

const database = await createTestDatabase();
process.env.DATABASE_URL = database.url;
process.env.DATA_DIR = database.dir;
resetEnvForTests();
// Hundreds of sign-ins at the production cost would take minutes; the cost is stored with each hash.
usePasswordHashParametersForTests();
// The shop as it is after its first sign-in: one owner account (tests of that first sign-in empty the table).
await writeTransaction((tx) => insertAccount(tx, TEST_OWNER_ACCOUNT));

afterAll(async () => {
  await closeDb();
  database.remove();
});
