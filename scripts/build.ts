// npm run build — the production build (Next's standalone server, with the browser's files beside it),
// skipped when it is newer than every source file. The container image's build step runs this too.
import "./settings";
import { buildIfStale } from "./build-if-stale";

await buildIfStale();
