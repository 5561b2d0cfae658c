import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

export interface AppServer {
  url: string;
  /** everything the server printed, for assertions on logs and for failure messages */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** the start script's process (what a container runtime signals) */
  pid: number;
  /** settles with the start script's exit code */
  exited: Promise<number | null>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

/**
 * Starts the app the way a user does (`npm start`: migrations, seed, next start) on a free port, with
 * the given environment, and waits until /api/health answers.
 */
export async function startApp(
  env: Record<string, string | undefined>,
  /** args: the start script's (the container image passes --prebuilt) */
  { timeoutMs = 90_000, args = [] as string[] } = {},
): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: "test-secret-0123456789abcdef0123456789abcdef",
      MODEL_BEST: undefined,
      MODEL_FAST: undefined,
      OPENAI_API_KEY: undefined,
      OLLAMA_BASE_URL: "http://127.0.0.1:9", // never a real local Ollama during tests
      // a loaded CI machine can be slow: only tests about the router timeout set a short one
      ROUTER_TIMEOUT_MS: "20000",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));

  const stop = async (signal: NodeJS.Signals = "SIGTERM") => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, signal);
    } catch {
      return;
    }
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode} before serving:\n${output}`);
    try {
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.status < 500 || response.status === 503) return { url, output: () => output, stop, pid: child.pid!, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop("SIGKILL");
  throw new Error(`the app did not answer within ${timeoutMs} ms:\n${output}`);
}
