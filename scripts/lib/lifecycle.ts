import { exitCodeOf, type ManagedProcess } from './processes';

/**
 * Owns the launcher's shutdown: the children it spawned and the services it started, stopped in reverse
 * order. The first SIGINT/SIGTERM asks the children to stop (SIGTERM: the worker finishes its active jobs)
 * and waits for them, then stops the services; a second one kills the children; a third exits at once.
 * A child that dies on its own stops everything with its exit code.
 */
export class Lifecycle {
  private readonly cleanups: { name: string; run: () => Promise<void> }[] = [];
  private readonly children: ManagedProcess[] = [];
  private stopping: Promise<never> | null = null;
  private signals = 0;
  private lastSignalAt = 0;
  private startup: Promise<unknown> = Promise.resolve();

  constructor(private readonly log: (line: string) => void) {}

  /**
   * The startup sequence. A stop waits for it to settle before stopping the services, so that a service
   * still starting when Ctrl-C came (PostgreSQL, say) is registered, then stopped, not left running.
   */
  trackStartup(startup: Promise<unknown>): void {
    this.startup = startup.catch(() => {});
  }

  /** Registers a service to stop at shutdown, after the children; the last registered stops first. */
  onStop(name: string, run: () => Promise<void>): void {
    this.cleanups.push({ name, run });
  }

  addChild(child: ManagedProcess): void {
    this.children.push(child);
    void child.exited.then((exit) => {
      if (this.stopping) return;
      const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
      this.log(`${child.name} ${how}: stopping everything`);
      void this.stop(exitCodeOf(exit));
    });
  }

  get isStopping(): boolean {
    return this.stopping !== null;
  }

  installSignalHandlers(): void {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
      process.on(signal, () => this.onSignal(signal));
  }

  private onSignal(signal: NodeJS.Signals): void {
    // one Ctrl-C can arrive twice: from the terminal and relayed by a wrapper (pnpm, tsx's CLI); a second
    // press by a person comes later than that
    const now = Date.now();
    if (now - this.lastSignalAt < 1_000) return;
    this.lastSignalAt = now;
    this.signals++;
    if (this.signals === 1) {
      this.log(
        `${signal} received: stopping (the worker finishes its active jobs; press Ctrl-C again to force)`,
      );
      void this.stop(0);
    } else if (this.signals === 2) {
      this.log('forcing: killing the children');
      for (const child of this.children) child.signal('SIGKILL');
    } else {
      process.exit(130);
    }
  }

  /** Stops the children, then the services, then exits with `code`. Calling it again joins the first call. */
  stop(code: number): Promise<never> {
    this.stopping ??= this.run(code);
    return this.stopping;
  }

  private async run(code: number): Promise<never> {
    const running = this.children.filter((child) => !child.hasExited());
    for (const child of running) child.signal('SIGTERM');
    await Promise.all(running.map((child) => child.exited));
    await this.startup;
    for (const cleanup of [...this.cleanups].reverse()) {
      try {
        await cleanup.run();
      } catch (err) {
        this.log(`could not stop ${cleanup.name}: ${(err as Error).message}`);
      }
    }
    this.log('stopped');
    process.exit(code);
  }
}
