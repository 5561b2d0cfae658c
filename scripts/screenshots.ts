// npm run screenshots — the README's pictures, made from the real app against the scripted model server
// on a fresh embedded database, so they show the product as it is today. Writes docs/screenshots/*.png.
import "./settings";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { launchBrowser } from "../tests/support/browser";
import { contextFor, startTourApp, TOUR, VIEWPORTS, visit } from "../tests/support/tour";

const OUT = path.resolve("docs/screenshots");
mkdirSync(OUT, { recursive: true });

const shots = [
  { file: "chat-desktop.png", stop: "chat-with-deliverable", size: "desktop", theme: "light", locale: "en-US" },
  { file: "chat-desktop-dark.png", stop: "chat-with-deliverable", size: "desktop", theme: "dark", locale: "en-US" },
  { file: "empty-chat-desktop.png", stop: "empty-chat", size: "desktop", theme: "light", locale: "en-US" },
  { file: "admin-tasks-desktop.png", stop: "admin-tasks", size: "desktop", theme: "light", locale: "en-US" },
  { file: "insight-desktop.png", stop: "admin-insight", size: "desktop", theme: "light", locale: "en-US" },
  { file: "chat-phone.png", stop: "chat-with-deliverable", size: "phone", theme: "light", locale: "en-US" },
  { file: "empty-chat-phone-es.png", stop: "empty-chat", size: "phone", theme: "light", locale: "es-ES" },
  { file: "admin-tasks-phone-dark.png", stop: "admin-tasks", size: "phone", theme: "dark", locale: "en-US" },
  { file: "todos-phone.png", stop: "todos", size: "phone", theme: "light", locale: "en-US" },
] as const;

const [tour, browser] = await Promise.all([startTourApp("pglite"), launchBrowser()]);
try {
  for (const shot of shots) {
    const stop = TOUR.find((s) => s.name === shot.stop)!;
    const context = await contextFor(browser, tour.app.url, stop.as, { locale: shot.locale, colorScheme: shot.theme, viewport: VIEWPORTS[shot.size] });
    const page = await visit(context, tour.app.url, stop, tour.data);
    await page.screenshot({ path: path.join(OUT, shot.file) });
    await context.close();
    console.log(`wrote docs/screenshots/${shot.file}`);
  }
} finally {
  await browser.close();
  await tour.stop();
}
