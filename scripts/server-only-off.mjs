// Node (tsx) scripts run the shop's server modules outside Next: `server-only` is for Next's bundler,
// which makes it empty on the server and an error in client bundles, but imported plainly it always
// throws. This registers a resolve hook that gives scripts the same empty module the server gets.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(
      'export async function resolve(specifier, context, next) { return specifier === "server-only" ? { url: "data:text/javascript,", shortCircuit: true } : next(specifier, context); }',
    ),
);
