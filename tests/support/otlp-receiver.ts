import { createServer, type Server } from "node:http";

/** One span as the OTLP/HTTP JSON exporter sends it (the fields the tests read). */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/**
 * A stand-in for an OpenTelemetry collector on 127.0.0.1: accepts OTLP/HTTP JSON posts on /v1/traces,
 * keeps every request body as received (to search it for text that must not be there) and the spans.
 */
export class OtlpReceiver {
  readonly bodies: string[] = [];
  readonly spans: ReceivedSpan[] = [];
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString("utf8");
      if (req.method !== "POST" || req.url !== "/v1/traces" || !String(req.headers["content-type"]).includes("json")) {
        res.writeHead(415).end();
        return;
      }
      this.bodies.push(body);
      const parsed = JSON.parse(body) as { resourceSpans?: { scopeSpans?: { spans?: ReceivedSpan[] }[] }[] };
      for (const resource of parsed.resourceSpans ?? []) for (const scope of resource.scopeSpans ?? []) this.spans.push(...(scope.spans ?? []));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as { port: number };
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
