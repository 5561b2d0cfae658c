import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppServer, startApp } from "../support/app-server";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database";

/** The `href` of every `<link rel="…">` in a page's head. */
function linksOf(html: string, rel: string): string[] {
  return [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => new RegExp(`\\brel="${rel}"`).test(tag))
    .map((tag) => /\bhref="([^"]+)"/.exec(tag)?.[1] ?? "");
}

// Icons do not depend on the database: checked once, on the embedded one.
describe.skipIf(testDatabaseKind() !== "pglite")("the product's icon and web app manifest", () => {
  let testDb: TestDatabase;
  let app: AppServer;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    app = await startApp({ ...testDb.env });
  });

  afterAll(async () => {
    await app?.stop();
    await testDb?.drop();
  });

  async function expectServed(href: string, type: RegExp) {
    const response = await fetch(new URL(href, app.url));
    expect(response.status, href).toBe(200);
    expect(response.headers.get("content-type"), href).toMatch(type);
    expect((await response.arrayBuffer()).byteLength, href).toBeGreaterThan(100);
  }

  it("links an icon, a home-screen icon and a manifest on every page, each served", async () => {
    const html = await (await fetch(`${app.url}/signin`)).text();
    const [icon] = linksOf(html, "icon");
    const [appleIcon] = linksOf(html, "apple-touch-icon");
    const [manifest] = linksOf(html, "manifest");
    expect({ icon, appleIcon, manifest }).toEqual({ icon: expect.any(String), appleIcon: expect.any(String), manifest: expect.any(String) });
    await expectServed(icon, /^image\/svg\+xml/);
    await expectServed(appleIcon, /^image\/png/);

    const response = await fetch(new URL(manifest, app.url));
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      name: string;
      start_url: string;
      display: string;
      icons: { src: string; sizes: string; type: string; purpose?: string }[];
    };
    expect(body).toMatchObject({ name: "Switchboard", start_url: "/", display: "standalone" });
    // what Android asks for to offer "Add to home screen": 192 and 512 px, and a maskable one
    expect(body.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(["192x192", "512x512"]));
    expect(body.icons.some((i) => i.purpose === "maskable")).toBe(true);
    for (const i of body.icons) await expectServed(i.src, /^image\/png/);
  });
});
