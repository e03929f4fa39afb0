import { describe, expect, it } from "vitest";
import { play } from "../../cli/commands/play.js";
import { NOTICE } from "../../reports/transcript.js";
import { openSessionStore } from "../../sessions/store.js";
import { pipeStreams } from "../support/streams.js";

/** Sessions are kept in memory: a test must not write to the user's saved sessions. */
const pipe = () => ({ ...pipeStreams(), openStore: () => openSessionStore(":memory:") });

describe("dxsim play without a terminal", () => {
  it("prints a readable transcript of an auto-approved run of the demo case", async () => {
    const io = pipe();
    expect(await play(undefined, {}, { streams: io.streams, openStore: io.openStore })).toBe(0);
    const text = io.out();
    expect(text).toMatch(/^No terminal here, so dxsim played case cp-01 on its own, approving every proposal\./);
    expect(text).toContain(`NOTE: ${NOTICE}`);
    expect(text).toMatch(/\nRound 1\n-------\n/);
    expect(text).toMatch(/Verdict: [1-5]\/5, (correct|not correct)\./);
    expect(text).toMatch(/The case's minimal\s+confirmatory\s+workup\s+costs\s+\$\d/);
    expect(text).not.toMatch(/\u001B\[/);
    expect(io.err()).not.toMatch(/error|\n\s+at /i);
  });

  it("plays the case it is given, with the budget it is given", async () => {
    const io = pipe();
    expect(await play("ha-01", { budget: 2500 }, { streams: io.streams, openStore: io.openStore })).toBe(0);
    expect(io.out()).toContain("played case ha-01");
    expect(io.out()).toContain("budget $2,500");
  });

  it("passes --brain through to the brains factory", async () => {
    const io = pipe();
    const asked: unknown[] = [];
    const code = await play("cp-01", { brain: "azure" }, { streams: io.streams, openStore: io.openStore, brains: async (c, _k, options) => (asked.push({ id: c.id, ...options }), {}) });
    expect(code).toBe(0);
    expect(asked).toEqual([{ id: "cp-01", brain: "azure", variant: "full" }]);
  });

  it("says plainly what is wrong with a bad case file, without a stack trace", async () => {
    const io = pipe();
    expect(await play("test/fixtures/bad-cases/wrong-type.yaml", {}, { streams: io.streams, openStore: io.openStore })).toBe(1);
    expect(io.err()).toMatch(/cannot play test\/fixtures\/bad-cases\/wrong-type\.yaml:\n\s+.*wrong-type\.yaml:\d+: presentation\.age: /);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(io.out()).toBe("");
  });

  it("lists the bundled cases when the one named does not exist", async () => {
    const io = pipe();
    expect(await play("zz-99", {}, { streams: io.streams, openStore: io.openStore })).toBe(1);
    expect(io.err()).toMatch(/no bundled case "zz-99"\. Cases: abd-01, .*cp-01/);
  });
});
