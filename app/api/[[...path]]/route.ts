// ANY /api and /api/* that no route serves – a 404 in the JSON error contract instead of the HTML not-found page
import { notFound } from "@/lib/app-error";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const unknownEndpoint = route(async ({ request }) => {
  throw notFound(`The endpoint ${request.nextUrl.pathname}`);
});

export const GET = unknownEndpoint;
export const POST = unknownEndpoint;
export const PUT = unknownEndpoint;
export const PATCH = unknownEndpoint;
export const DELETE = unknownEndpoint;
