import { fork, type ChildProcess } from "node:child_process";

/** What the runner asks its gateway and floor children. */
export type ParentMessage = { cmd: "stats" } | { cmd: "reset" } | { cmd: "stop" };

export interface MemoryReading {
  /** resident set size now, and its peak since the last reset, in MB */
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

export type ChildMessage =
  | { type: "ready"; url: string }
  | ({ type: "stats"; statements: number; published?: Record<string, number> } & MemoryReading)
  | { type: "reset" };

const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

/** Samples the process's RSS every 25 ms; the peak is what a scenario cost in memory. */
export class MemoryPeak {
  private peak = process.memoryUsage.rss();
  private readonly timer = setInterval(() => this.sample(), 25);

  constructor() {
    this.timer.unref();
  }

  private sample(): number {
    const rss = process.memoryUsage.rss();
    if (rss > this.peak) this.peak = rss;
    return rss;
  }

  read(): MemoryReading {
    const rss = this.sample();
    return { rssMb: mb(rss), peakRssMb: mb(this.peak), heapUsedMb: mb(process.memoryUsage().heapUsed) };
  }

  reset(): void {
    this.peak = process.memoryUsage.rss();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/** A child the runner talks to: request/response over IPC, one question at a time. */
export class Child {
  private constructor(readonly process: ChildProcess, readonly url: string) {}

  static start(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Child> {
    const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    return new Promise((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
      child.once("message", (m: ChildMessage) => {
        child.removeAllListeners("exit");
        if (m.type === "ready") resolve(new Child(child, m.url));
        else reject(new Error(`${script}: unexpected first message ${JSON.stringify(m)}`));
      });
    });
  }

  ask<T extends ChildMessage["type"]>(cmd: ParentMessage["cmd"], type: T): Promise<Extract<ChildMessage, { type: T }>> {
    return new Promise((resolve) => {
      const listener = (m: ChildMessage) => {
        if (m.type !== type) return;
        this.process.off("message", listener);
        resolve(m as Extract<ChildMessage, { type: T }>);
      };
      this.process.on("message", listener);
      this.process.send({ cmd });
    });
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.process.kill("SIGKILL"), 15_000);
      this.process.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.process.send({ cmd: "stop" });
    });
  }
}
