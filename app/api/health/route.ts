// GET /api/health – liveness plus a real read of the database
import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { db } from "@/lib/db";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const read = await db();
    await read.run(sql`SELECT 1 FROM site_settings LIMIT 1`);
    return NextResponse.json({ ok: true, db: "ok" }, { headers: { "cache-control": "no-store" } });
  } catch (error) {
    console.error("[health] database check failed", error);
    return NextResponse.json({ ok: false, db: "error" }, { status: 503, headers: { "cache-control": "no-store" } });
  }
}

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
