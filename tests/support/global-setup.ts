import { buildIfStale } from "../../scripts/build-if-stale";

/** The app is built once per run; every test server then starts in about a second. */
export default async function setup() {
  await buildIfStale();
}
