/**
 * Where the server's log lines go: stdout, written in batches. pino's default
 * writes every line with its own write(2); at thousands of requests a second
 * that system call costs more than the line. Lines wait at most `maxDelayMs`
 * (or until 16 KiB gather); errors and the last lines before exit go at once.
 */
export class BatchedStdout {
  private parts: string[] = [];
  private size = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly out: { write(s: string): unknown } = process.stdout,
    private readonly maxDelayMs = 50,
    private readonly maxBytes = 16_384,
  ) {
    process.on('exit', () => this.flush());
  }

  write(line: string): void {
    this.parts.push(line);
    this.size += line.length;
    // pino levels 50 (error) and 60 (fatal) should not wait.
    if (this.size >= this.maxBytes || line.startsWith('{"level":50') || line.startsWith('{"level":60')) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.maxDelayMs).unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.out.write(text); // stdout to a file or pipe is synchronous on Linux
  }
}
