// GET /health – the health check at a page path, so through middleware.ts (GET /api/health skips it)
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/**
 * The same check and answer as GET /api/health, but on a path the middleware runs on: an uptime
 * monitor pointed here also learns that the middleware answers, and the bench pairs the two to
 * price one middleware run (npm run bench, "middleware" rows).
 */
export { GET } from "@/app/api/health/route";

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
