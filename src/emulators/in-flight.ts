/**
 * Counts the requests an emulator is still working on, so a test can wait until every write it
 * was sent has landed before it measures or runs the next job. A request held by a latency fault
 * keeps going after its client gave up (as on the real services, where a timed-out write may still
 * be applied): measuring before it lands would miss what it does.
 */
export class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  /** Runs `work` counted as in flight. */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.count += 1;
    try {
      return await work();
    } finally {
      this.count -= 1;
      if (this.count === 0) for (const wake of this.waiters.splice(0)) wake();
    }
  }

  /** Requests being served now. */
  get size(): number {
    return this.count;
  }

  /** Resolves when no request is in flight (at once when none is). */
  settled(): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
