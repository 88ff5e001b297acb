/**
 * A one-line progress bar on a terminal's stderr; silent when stderr is not a
 * TTY or when running in CI (logs there should stay clean).
 */
export interface Progress {
  tick(done: number): void;
  done(): void;
}

export function progressBar(total: number, stream: NodeJS.WriteStream | { isTTY?: boolean; write(s: string): unknown }, env: NodeJS.ProcessEnv = process.env): Progress {
  const enabled = Boolean(stream.isTTY) && !env.CI && total >= 50;
  let last = 0;
  return {
    tick(done) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / total) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} files`);
    },
    done() {
      if (enabled) stream.write(`\r${' '.repeat(60)}\r`);
    },
  };
}
