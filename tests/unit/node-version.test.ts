import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

describe("the Node.js version", () => {
  const tested = semver.minVersion(pkg.engines.node)!;

  it("is stated the same in package.json's engines and the README", () => {
    expect(README).toContain(`Tested on Node.js ${tested.major}.${tested.minor}`);
    expect(pkg.engines.node).toBe(`>=${tested.major}.${tested.minor}`);
    expect(semver.satisfies(process.versions.node, pkg.engines.node), `this Node.js, ${process.versions.node}`).toBe(true);
  });

  it("is one every dependency accepts, or the README explains the npm warning about it", () => {
    const refusing = Object.entries(lock.packages)
      .filter(([location, info]) => location && !Array.isArray(info.engines) && info.engines?.node && !semver.satisfies(tested, info.engines.node))
      .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(refusing.length, "no dependency warns any more: drop the README's EBADENGINE explanation").toBeGreaterThan(0);
    const section = README.slice(README.indexOf("### Node.js version"));
    expect(section).toContain("EBADENGINE");
    expect(refusing.filter((name) => !section.includes(`\`${name}\``) && !section.includes(`\`${name.split("/")[0]}/*\``))).toEqual([]);
  });
});
