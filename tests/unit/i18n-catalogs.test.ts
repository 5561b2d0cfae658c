import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type MessageFormatElement, parse, TYPE } from "@formatjs/icu-messageformat-parser";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { catalogs, LOCALES } from "@/lib/i18n";

/**
 * The catalogs are complete and the code uses them: every language has every key English has, with the
 * same placeholders; every key the code asks for exists; and no component writes interface text of its
 * own instead of asking the catalog.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib"];

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

/** The names of a message's ICU arguments ({name}, {count, plural, …}, <tag>…</tag>), sorted. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const visit = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      names.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) visit(option.value);
      if (element.type === TYPE.tag) visit(element.children);
    }
  };
  visit(parse(message));
  return [...names].sort();
}

function sourceFiles(): string[] {
  return SOURCE_DIRS.flatMap((dir) =>
    (readdirSync(path.join(ROOT, dir), { recursive: true }) as string[])
      .filter((file) => /\.(ts|tsx)$/.test(file) && !file.includes("generated") && !file.endsWith(".d.ts"))
      .map((file) => path.join(ROOT, dir, file)),
  );
}

const english = flatten(catalogs.en as unknown as Tree);

/**
 * The keys the code asks for: `const t = useTranslations("ns")` (or getTranslations / translatorFor)
 * followed by `t("key")`, `t.rich("key")`, `t.has("key")`. A template-literal key counts by its fixed
 * start, which must name a group of keys.
 */
function usedKeys(file: string): { key: string; prefixOnly: boolean; line: number }[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const namespaces = new Map<string, string>();
  const found: { key: string; prefixOnly: boolean; line: number }[] = [];
  const namespaceOf = (call: ts.CallExpression): string | undefined => {
    const callee = call.expression.getText(source);
    if (!["useTranslations", "getTranslations", "translatorFor"].includes(callee)) return undefined;
    for (const argument of call.arguments) {
      if (ts.isStringLiteral(argument)) return argument.text;
      if (ts.isObjectLiteralExpression(argument)) {
        const property = argument.properties.find((p) => p.name?.getText(source) === "namespace");
        if (property && ts.isPropertyAssignment(property) && ts.isStringLiteral(property.initializer)) return property.initializer.text;
      }
    }
    return callee === "translatorFor" ? undefined : "";
  };
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let init: ts.Expression = node.initializer;
      if (ts.isAwaitExpression(init)) init = init.expression;
      if (ts.isCallExpression(init)) {
        const namespace = namespaceOf(init);
        if (namespace !== undefined) namespaces.set(node.name.text, namespace);
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const target = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)
          ? callee.expression.text
          : undefined;
      const namespace = target !== undefined ? namespaces.get(target) : undefined;
      const argument = node.arguments[0];
      if (namespace !== undefined && argument) {
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const join = (key: string) => [namespace, key].filter(Boolean).join(".");
        if (ts.isStringLiteral(argument) || ts.isNoSubstitutionTemplateLiteral(argument)) found.push({ key: join(argument.text), prefixOnly: false, line });
        else if (ts.isTemplateExpression(argument)) found.push({ key: join(argument.head.text.replace(/\.$/, "")), prefixOnly: true, line });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Text a component writes itself: JSX text and user-facing attributes with words in them. */
function literalInterfaceText(file: string): string[] {
  if (!file.endsWith(".tsx")) return [];
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const words = /\p{L}{2,}/u;
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && words.test(node.text)) found.push(`${where(node)} text "${node.text.trim()}"`);
    if (ts.isJsxAttribute(node) && ["aria-label", "title", "placeholder", "alt", "label"].includes(node.name.getText(source))) {
      const value = node.initializer;
      const text =
        value && ts.isStringLiteral(value)
          ? value.text
          : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteral(value.expression)
            ? value.expression.text
            : undefined;
      if (text && words.test(text)) found.push(`${where(node)} ${node.name.getText(source)}="${text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("interface catalogs", () => {
  it("has only messages that parse (a bare <word> is read as a tag: quote it as '<word>')", () => {
    const broken: string[] = [];
    for (const locale of LOCALES) {
      for (const [key, text] of flatten(catalogs[locale] as unknown as Tree)) {
        try {
          parse(text);
        } catch (error) {
          broken.push(`${locale} ${key}: ${(error as Error).message}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it("has every English key in every language, with the same placeholders", () => {
    expect(english.size).toBeGreaterThan(50);
    for (const locale of LOCALES.filter((l) => l !== "en")) {
      const translated = flatten(catalogs[locale] as unknown as Tree);
      expect(
        [...english.keys()].filter((k) => !translated.has(k)),
        `${locale} lacks`,
      ).toEqual([]);
      expect(
        [...translated.keys()].filter((k) => !english.has(k)),
        `${locale} has keys English does not`,
      ).toEqual([]);
      const mismatched = [...english].filter(([key, text]) => JSON.stringify(argumentsOf(text)) !== JSON.stringify(argumentsOf(translated.get(key) ?? "")));
      expect(
        mismatched.map(([key]) => key),
        `${locale}: placeholders differ from English`,
      ).toEqual([]);
      const empty = [...translated].filter(([, text]) => !text.trim()).map(([key]) => key);
      expect(empty, `${locale}: empty messages`).toEqual([]);
    }
  });

  it("has every key the code asks for", () => {
    const missing: string[] = [];
    let used = 0;
    for (const file of sourceFiles()) {
      for (const { key, prefixOnly, line } of usedKeys(file)) {
        used++;
        const exists = prefixOnly ? [...english.keys()].some((k) => k.startsWith(`${key}.`)) : english.has(key);
        if (!exists) missing.push(`${path.relative(ROOT, file)}:${line} ${key}`);
      }
    }
    expect(used).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });

  it("finds a key the code asks for that the catalog lacks (the check above can fail)", () => {
    const file = path.join(ROOT, "components/layout/main-nav.tsx");
    expect(usedKeys(file).map((u) => u.key)).toContain("common.nav.chat");
  });

  it("leaves no interface text written into a component", () => {
    const found = sourceFiles().flatMap(literalInterfaceText);
    expect(found).toEqual([]);
  });
});
