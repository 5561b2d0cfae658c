import { describe, expect, it } from "vitest";
import { nearest, reciprocalRankFusion, taskEmbeddingText, unitVector, vectorFromBytes, vectorToBytes } from "@/lib/embeddings";
import { shortlistTasks } from "@/lib/router";

describe("reciprocalRankFusion", () => {
  it("scores each id by the sum of 1 / (k + rank) over the rankings", () => {
    // a: 1/61 + 1/63; b: 1/62 + 1/61; c: 1/63; d: 1/62
    expect(
      reciprocalRankFusion([
        ["a", "b", "c"],
        ["b", "d", "a"],
      ]),
    ).toEqual(["b", "a", "d", "c"]);
  });

  it("lifts an id found by both rankings above one ranked first by only one", () => {
    expect(
      reciprocalRankFusion([
        ["lexical-only", "both"],
        ["semantic-only", "both"],
      ]),
    ).toEqual(["both", "lexical-only", "semantic-only"]);
  });

  it("breaks a tie in favour of the first ranking, rank by rank", () => {
    expect(
      reciprocalRankFusion([
        ["x", "y"],
        ["z", "w"],
      ]),
    ).toEqual(["x", "z", "y", "w"]);
  });

  it("counts an id listed twice in one ranking at its best place only", () => {
    expect(reciprocalRankFusion([["a", "b", "a"], ["b"]])).toEqual(["b", "a"]);
    expect(reciprocalRankFusion([["a", "a", "a", "a"], ["b"]])).toEqual(["a", "b"]);
  });

  it("with k, weighs the top ranks more or less", () => {
    // with k = 0, rank 1 in one list (1) beats ranks 2 and 3 in both (1/2 + 1/3)
    expect(
      reciprocalRankFusion(
        [
          ["top", "x", "both"],
          ["y", "both"],
        ],
        0,
      )[0],
    ).toBe("top");
    // with the usual k = 60 the id found twice wins
    expect(
      reciprocalRankFusion([
        ["top", "x", "both"],
        ["y", "both"],
      ])[0],
    ).toBe("both");
  });

  it("returns one ranking as it is, and nothing for nothing", () => {
    expect(reciprocalRankFusion([["c", "a", "b"]])).toEqual(["c", "a", "b"]);
    expect(reciprocalRankFusion([[], []])).toEqual([]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
});

describe("vectors", () => {
  it("round-trip through float32 little-endian bytes", () => {
    const bytes = vectorToBytes([1, -0.5, 3.25]);
    expect(bytes.byteLength).toBe(12);
    expect(new DataView(bytes.buffer).getFloat32(4, true)).toBe(-0.5);
    expect([...vectorFromBytes(bytes)]).toEqual([1, -0.5, 3.25]);
    // a view into a larger buffer at an odd offset
    const padded = new Uint8Array(13);
    padded.set(bytes, 1);
    expect([...vectorFromBytes(padded.subarray(1))]).toEqual([1, -0.5, 3.25]);
  });

  it("rank by cosine similarity and skip vectors of another length", () => {
    const query = unitVector([1, 0, 0]);
    const entries = [
      { vector: unitVector([0, 1, 0]), item: "orthogonal" },
      { vector: unitVector([10, 1, 0]), item: "close" },
      { vector: unitVector([1, 1, 0]), item: "diagonal" },
      { vector: unitVector([1, 0]), item: "other model" },
      { vector: unitVector([-1, 0, 0]), item: "opposite" },
    ];
    expect(nearest(query, entries, 10)).toEqual(["close", "diagonal", "orthogonal", "opposite"]);
    expect(nearest(query, entries, 2)).toEqual(["close", "diagonal"]);
    expect([...unitVector([3, 4])]).toEqual([expect.closeTo(0.6), expect.closeTo(0.8)]);
    expect([...unitVector([0, 0])]).toEqual([0, 0]);
  });
});

describe("taskEmbeddingText", () => {
  it("joins the name, both descriptions and the example requests, once each, white space folded", () => {
    expect(
      taskEmbeddingText({
        name: "Meeting minutes",
        routerDescription: "The user wants  minutes\nof a meeting.",
        description: "Meeting minutes",
        exampleRequests: ["recap of the call", "compte rendu de la réunion", " "],
      }),
    ).toBe("Meeting minutes\nThe user wants minutes of a meeting.\nrecap of the call\ncompte rendu de la réunion");
    expect(taskEmbeddingText({ name: "Memo", routerDescription: "A memo." })).toBe("Memo\nA memo.");
  });
});

describe("shortlistTasks with a ranking by meaning", () => {
  const tasks = Array.from({ length: 40 }, (_, i) => ({ slug: `report-${i}`, name: `Report ${i}`, routerDescription: `The user wants report number ${i}.` }));
  // named to sort after the reports, so the fill by name (when words match too few tasks) does not take it in
  tasks.push({ slug: "social-post", name: "Social post", routerDescription: "Writes a post for LinkedIn." });

  it("takes in a task that shares no word with the request when it ranks first by meaning", () => {
    const text = "let my network know about the launch";
    expect(shortlistTasks({ tasks, currentTask: null, text, size: 5 }).map((t) => t.slug)).not.toContain("social-post");
    expect(shortlistTasks({ tasks, currentTask: null, text, size: 5, semantic: ["social-post", "report-3"] }).map((t) => t.slug)).toContain("social-post");
  });

  it("keeps the first by meaning when a common word matches every other task (1,000 tasks)", () => {
    const many = Array.from({ length: 999 }, (_, i) => ({
      slug: `report-${i}`,
      name: `Report ${i}`,
      routerDescription: `The department wants report number ${i}.`,
    }));
    many.push({ slug: "linkedin-post", name: "LinkedIn post", routerDescription: "Writes a post for LinkedIn." });
    // every report matches "department" by words; by meaning the post comes first, then reports in another order
    const semantic = ["linkedin-post", ...many.slice(0, 999).map((_, i) => `report-${(i * 7) % 999}`)];
    const list = shortlistTasks({ tasks: many, currentTask: null, text: "let my network in the department know", size: 12, semantic });
    expect(list).toHaveLength(12);
    expect(list.map((t) => t.slug)).toContain("linkedin-post");
  });
});
