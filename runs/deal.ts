/**
 * Hands a batch's tasks to the jobs playing them, one case's repeats to one job. Tasks come
 * case by case (a case's repeats next to each other, `sizes` of them per case). A job keeps to
 * the case it took until its repeats are all taken, so the engine's memo, which each thread
 * keeps for itself, serves the repeats of the case that filled it instead of every thread
 * filling it for every case. A job that finds no case left untouched takes the last untaken
 * repeat of the case with the most left, so all jobs finish together. Returns one `take` per
 * job; each gives a task's index, or undefined once every task is taken.
 */
export function dealTasks(sizes: readonly number[]): () => () => number | undefined {
  const cases: { next: number; end: number }[] = [];
  let start = 0;
  for (const size of sizes) {
    cases.push({ next: start, end: start + size });
    start += size;
  }
  let untouched = 0;
  return () => {
    let mine: { next: number; end: number } | undefined;
    return () => {
      if (!mine || mine.next === mine.end) mine = untouched < cases.length ? cases[untouched++] : undefined;
      if (mine) return mine.next++;
      let fullest: { next: number; end: number } | undefined;
      for (const c of cases) if (c.end - c.next > (fullest ? fullest.end - fullest.next : 0)) fullest = c;
      return fullest ? --fullest.end : undefined;
    };
  };
}
