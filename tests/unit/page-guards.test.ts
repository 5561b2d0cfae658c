import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Every page checks who may see it, itself: its default export starts by awaiting one of the page
 * guards of lib/auth. A layout's check is skipped by a client navigation that says it already has the
 * layout, so a page relying on one serves its data to anyone (tests/integration/authorization.test.ts
 * shows that end to end).
 */
const APP_DIR = path.resolve(import.meta.dirname, "../../app");
const PAGE_GUARDS = ["userPage", "adminPage", "guestPage"] as const;

function pageFiles(dir = APP_DIR): string[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((file) => /(^|\/)page\.(tsx|ts|jsx|js)$/.test(file))
    .map((file) => path.join(dir, file))
    .sort();
}

/** The guard a page's default export awaits as its first statement, or why it has none. */
function guardOf(source: string, fileName = "page.tsx"): { guard: string } | { problem: string } {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const imported = new Set<string>();
  let page: ts.FunctionDeclaration | undefined;
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && (statement.moduleSpecifier as ts.StringLiteral).text === "@/lib/auth") {
      const bindings = statement.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) imported.add(element.name.text);
    }
    const isDefaultExport =
      ts.isFunctionDeclaration(statement) &&
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) &&
      statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
    if (isDefaultExport) page = statement as ts.FunctionDeclaration;
  }
  if (!page?.body) return { problem: "has no `export default function`" };
  const first = page.body.statements[0];
  let expression: ts.Expression | undefined;
  if (first && ts.isExpressionStatement(first)) expression = first.expression;
  if (first && ts.isVariableStatement(first)) expression = first.declarationList.declarations[0]?.initializer;
  if (!expression || !ts.isAwaitExpression(expression) || !ts.isCallExpression(expression.expression)) {
    return { problem: `does not start with \`await ${PAGE_GUARDS.join("() | ")}()\`` };
  }
  const callee = expression.expression.expression;
  const name = ts.isIdentifier(callee) ? callee.text : "";
  if (!(PAGE_GUARDS as readonly string[]).includes(name)) return { problem: `starts with \`await ${callee.getText()}()\`, which is not a page guard` };
  if (!imported.has(name)) return { problem: `calls ${name}() without importing it from @/lib/auth` };
  return { guard: name };
}

describe("page guards", () => {
  it("every page under app/ awaits a page guard first", () => {
    const pages = pageFiles();
    expect(pages.length).toBeGreaterThanOrEqual(9);
    const problems = pages
      .map((file) => ({ file: path.relative(APP_DIR, file), result: guardOf(readFileSync(file, "utf8"), file) }))
      .filter(({ result }) => "problem" in result)
      .map(({ file, result }) => `app/${file} ${(result as { problem: string }).problem}`);
    expect(problems).toEqual([]);
  });

  it("admin pages use the admin guard and the sign-in pages the guest guard", () => {
    for (const file of pageFiles()) {
      const relative = path.relative(APP_DIR, file);
      const result = guardOf(readFileSync(file, "utf8"), file);
      if (relative.includes(`${path.sep}admin${path.sep}`)) expect(result, relative).toEqual({ guard: "adminPage" });
      else if (relative.startsWith("(auth)")) expect(result, relative).toEqual({ guard: "guestPage" });
      else expect(result, relative).toEqual({ guard: "userPage" });
    }
  });

  it("refuses a page that checks nothing, checks late, or calls something else", () => {
    const head = 'import { userPage } from "@/lib/auth";\nimport { listTasks } from "@/lib/tasks";\n';
    expect(guardOf(`${head}export default async function P() { return <p>{(await listTasks()).length}</p>; }`)).toHaveProperty("problem");
    expect(guardOf(`${head}export default async function P() { const t = await listTasks(); await userPage(); return <p>{t.length}</p>; }`)).toHaveProperty(
      "problem",
    );
    expect(guardOf(`${head}export default async function P() { userPage(); return <p />; }`)).toHaveProperty("problem");
    expect(guardOf(`import { listTasks } from "@/lib/tasks";\nexport default async function P() { await userPage(); return <p />; }`)).toHaveProperty(
      "problem",
    );
    expect(guardOf(`${head}export default function P() { return <p />; }`)).toHaveProperty("problem");
    expect(guardOf(`${head}export default async function P() { const user = await userPage(); return <p>{user.id}</p>; }`)).toEqual({ guard: "userPage" });
  });
});
