import type { AddressInfo } from "node:net";
import { connect, createServer, type Server, type Socket } from "node:net";

const READY_FOR_QUERY = Buffer.from([0x5a, 0, 0, 0, 5]);

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (Postgres). `cut()` drops every connection and
 * refuses new ones, as a database restart or a network fault would; `restore()` lets traffic through again.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private down = false;
  private trap: { marker: string; fired: () => void } | undefined;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      if (this.down) return void client.destroy();
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on("close", () => this.sockets.delete(socket));
        socket.on("error", () => {
          client.destroy();
          upstream.destroy();
        });
      }
      let trapped = false;
      client.on("data", (chunk: Buffer) => {
        if (this.trap && !trapped && chunk.includes(this.trap.marker)) trapped = true;
        upstream.write(chunk);
      });
      upstream.on("data", (chunk: Buffer) => {
        // Postgres's ReadyForQuery ('Z', length 5): the statement has run and its implicit transaction committed
        if (trapped && this.trap && chunk.includes(READY_FOR_QUERY)) {
          const { fired } = this.trap;
          this.trap = undefined;
          client.destroy();
          upstream.destroy();
          return fired();
        }
        client.write(chunk);
      });
      client.on("end", () => upstream.end());
      upstream.on("end", () => client.end());
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  cut() {
    this.down = true;
    for (const socket of this.sockets) socket.destroy();
  }

  /**
   * Once: the next statement whose text contains `marker` runs and commits, and then its connection
   * breaks before the reply reaches the app — a commit the app never hears of. Resolves when it has.
   */
  breakAfterCommitOf(marker: string): Promise<void> {
    return new Promise((fired) => {
      this.trap = { marker, fired };
    });
  }

  restore() {
    this.down = false;
  }

  async stop() {
    this.cut();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

/**
 * The settings that point the app at a test database: a Postgres one is reached through a new proxy the
 * test can cut (as a database restart would); a PGlite folder has no connection to cut.
 */
export async function databaseBehindProxy(database: { DATABASE_URL?: string; DATA_DIR?: string }): Promise<{ env: Record<string, string>; proxy?: TcpProxy }> {
  if (!database.DATABASE_URL) return { env: { DATA_DIR: database.DATA_DIR! } };
  const url = new URL(database.DATABASE_URL);
  const proxy = await new TcpProxy(url.hostname, Number(url.port || 5432)).start();
  url.port = String(proxy.port);
  return { env: { DATABASE_URL: url.toString() }, proxy };
}
