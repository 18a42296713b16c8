/** Where the CLI writes: progress to stderr, the result to stdout (JSON only with --json). */
export interface Output {
  json: boolean;
  step(message: string): void;
  progress(label: string, sent: number, total: number): void;
  result(value: unknown, text: string): void;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export function createOutput(json: boolean): Output {
  let lastPercent = -1;
  return {
    json,
    step(message) {
      if (!json) process.stderr.write(`• ${message}\n`);
    },
    progress(label, sent, total) {
      if (json) return;
      const percent = Math.floor((sent / total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
      const line = `  ${label} ${percent}% (${formatBytes(sent)} of ${formatBytes(total)})`;
      if (process.stderr.isTTY) {
        process.stderr.write(`\r${line}${percent === 100 ? '\n' : ''}`);
      } else if (percent === 100) {
        process.stderr.write(`${line}\n`);
      }
    },
    result(value, text) {
      process.stdout.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);
    },
  };
}
