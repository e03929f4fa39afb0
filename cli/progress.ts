import { raw } from "../output/terminal-guard.js";

/** A one-line progress bar for a terminal stream; cleared before other lines are written. */
export function progressBar(total: number, stream: NodeJS.WriteStream) {
  let done = 0;
  const width = 30;
  const draw = () => {
    const filled = total ? Math.round((done / total) * width) : width;
    raw(() => stream.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`));
  };
  draw();
  return {
    tick() {
      done++;
      draw();
    },
    clear() {
      raw(() => stream.write("\r\x1b[2K"));
    },
  };
}
