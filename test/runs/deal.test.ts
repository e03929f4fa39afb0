import { describe, expect, it } from "vitest";
import { dealTasks } from "../../runs/deal.js";

const drain = (take: () => number | undefined): number[] => {
  const got: number[] = [];
  for (let i = take(); i !== undefined; i = take()) got.push(i);
  return got;
};

describe("dealing a batch's tasks to jobs", () => {
  it("one job gets every task, in order", () => {
    expect(drain(dealTasks([3, 1, 2])())).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("each job keeps to the repeats of the case it took, and every task is dealt once", () => {
    const deal = dealTasks([3, 3, 3]);
    const a = deal();
    const b = deal();
    const got = { a: [] as number[], b: [] as number[] };
    // Turns alternate, as two jobs finishing cases at the same pace would.
    for (let more = true; more; ) {
      const x = a();
      const y = b();
      if (x !== undefined) got.a.push(x);
      if (y !== undefined) got.b.push(y);
      more = x !== undefined || y !== undefined;
    }
    expect(got.a.slice(0, 3)).toEqual([0, 1, 2]);
    expect(got.b.slice(0, 3)).toEqual([3, 4, 5]);
    expect([...got.a, ...got.b].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it("a job with no case left takes the last repeats of the case with the most left, so jobs finish together", () => {
    const deal = dealTasks([6, 1]);
    const a = deal();
    const b = deal();
    expect(a()).toBe(0);
    expect(b()).toBe(6);
    expect(b()).toBe(5);
    expect(b()).toBe(4);
    expect(drain(a)).toEqual([1, 2, 3]);
    expect(b()).toBeUndefined();
  });
});
