/** A one-line progress bar on stderr when it is a terminal; silent otherwise. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): {
  update(phase: string, percent: number): void;
  done(): void;
} {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = "";
  return {
    update(phase, percent) {
      const width = 30;
      const filled = Math.round((Math.min(100, Math.max(0, percent)) / 100) * width);
      const line = `${phase.padEnd(10)} [${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(percent).padStart(3)}%`;
      if (line !== last) stream.write(`\r${line}`);
      last = line;
    },
    done() {
      if (last) stream.write("\r\x1b[2K");
    },
  };
}
