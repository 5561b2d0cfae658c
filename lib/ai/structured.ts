import { generateText, type LanguageModel, NoObjectGeneratedError, Output } from "ai";
import type { z } from "zod";
import { modelTelemetry } from "@/lib/observability";

/**
 * The outermost JSON object in a model's text (inside prose or a code fence), if it fits the schema: how
 * a structured answer is read from a provider that did not constrain its output to the schema.
 */
function readJsonObject<T>(text: string, schema: z.ZodType<T>): T | undefined {
  const start = text.indexOf("{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end <= start) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text.slice(start, end + 1)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One structured answer, the same way on OpenAI, Ollama and compatible servers: the schema goes on the
 * wire as a JSON schema (structured output), at temperature 0, one attempt; an answer the provider did
 * not constrain is read from the JSON in its text. Throws when the call fails or no such object came back.
 */
export async function generateStructured<T>(input: {
  model: LanguageModel;
  /** the schema's name on the wire (OpenAI and compatible servers; Ollama takes the schema alone) */
  name: string;
  system: string;
  prompt: string;
  schema: z.ZodType<T>;
  signal?: AbortSignal;
}): Promise<T> {
  try {
    const result = await generateText({
      model: input.model,
      system: input.system,
      prompt: input.prompt,
      output: Output.object({ schema: input.schema, name: input.name }),
      abortSignal: input.signal,
      temperature: 0,
      maxRetries: 0,
      telemetry: modelTelemetry(`switchboard.${input.name}`),
    });
    return result.output as T;
  } catch (error) {
    const lenient = NoObjectGeneratedError.isInstance(error) ? readJsonObject(error.text ?? "", input.schema) : undefined;
    if (lenient === undefined) throw error;
    return lenient;
  }
}
