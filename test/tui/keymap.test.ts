import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { BINDINGS, NO_CONTEXT, commandFor, footerHints, helpSections, keyParts, typedText } from "../../tui/keymap.js";

const key = (over: Partial<Key> = {}): Key => ({
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
  ...over,
});

describe("the keymap", () => {
  it("maps the review's keys to the physician's commands", () => {
    expect(commandFor("review", "", key({ return: true }))).toBe("approve");
    expect(commandFor("review", "e", key())).toBe("edit");
    expect(commandFor("review", "a", key())).toBe("ask");
    expect(commandFor("review", "o", key())).toBe("order");
    expect(commandFor("review", "d", key())).toBe("diagnose");
    expect(commandFor("review", "n", key())).toBe("step");
    expect(commandFor("review", " ", key())).toBe("step");
    expect(commandFor("review", "p", key())).toBe("playOn");
    expect(commandFor("review", "q", key())).toBe("quit");
    expect(commandFor("review", "?", key())).toBe("help");
    expect(commandFor("review", "c", key({ ctrl: true }))).toBe("interrupt");
  });

  it("holds back approval and offers b while a budget alert stands", () => {
    const alert = { ...NO_CONTEXT, budgetAlert: true };
    expect(commandFor("review", "", key({ return: true }), alert)).toBeUndefined();
    expect(commandFor("review", "b", key(), alert)).toBe("raiseBudget");
    expect(commandFor("review", "b", key(), NO_CONTEXT)).toBeUndefined();
    expect(footerHints("review", alert).map((h) => h.hint)).toEqual(expect.arrayContaining(["raise budget", "edit", "diagnose"]));
    expect(footerHints("review", alert).map((h) => h.hint)).not.toContain("approve");
  });

  it("offers undo only when there is something to go back to", () => {
    expect(commandFor("review", "u", key(), NO_CONTEXT)).toBeUndefined();
    expect(commandFor("review", "u", key(), { ...NO_CONTEXT, canUndo: true })).toBe("undo");
    expect(commandFor("final", "u", key(), { ...NO_CONTEXT, canUndo: true })).toBe("undo");
  });

  it("lets letters type in search and text prompts instead of running commands", () => {
    expect(commandFor("search", "d", key())).toBeUndefined();
    expect(commandFor("text", "q", key())).toBeUndefined();
    expect(commandFor("picker", "q", key())).toBeUndefined();
    expect(typedText("troponin", key())).toBe("troponin");
    expect(typedText("", key({ return: true }))).toBe("");
    expect(commandFor("search", "", key({ return: true }))).toBe("submit");
    expect(commandFor("search", "", key({ escape: true }))).toBe("cancel");
  });

  it("splits one input that brings several keys into its parts, in order", () => {
    // Text and the Enter after it, as pasted or typed faster than the terminal is read.
    expect(keyParts("text", "1\r", key(), NO_CONTEXT, true)).toEqual([
      { kind: "text", text: "1" },
      { kind: "command", command: "submit" },
    ]);
    expect(keyParts("search", "a\r\nb", key(), NO_CONTEXT, true)).toEqual([
      { kind: "text", text: "a" },
      { kind: "command", command: "submit" },
      { kind: "text", text: "b" },
    ]);
    // A held key in a mode without text: one command each.
    expect(keyParts("review", "nnn", key(), NO_CONTEXT, false)).toEqual(Array(3).fill({ kind: "command", command: "step" }));
    // A single key is the command it means, or nothing.
    expect(keyParts("review", "", key({ return: true }), NO_CONTEXT, false)).toEqual([{ kind: "command", command: "approve" }]);
    expect(keyParts("review", "§", key(), NO_CONTEXT, false)).toEqual([]);
  });

  it("generates the footer and the help from the one table", () => {
    const footer = footerHints("review", { ...NO_CONTEXT, canUndo: true });
    expect(footer[0]).toEqual({ keys: "Enter", hint: "approve" });
    expect(footer.at(-1)).toEqual({ keys: "?", hint: "help" });
    expect(footer.map((h) => h.keys)).toEqual(["Enter", "e", "a", "o", "d", "u", "n/space", "x", "p", "q", "?"]);
    const help = helpSections();
    const described = new Set(help.flatMap((s) => s.rows.map((r) => r.description)));
    for (const b of BINDINGS.filter((b) => b.modes.some((m) => ["review", "busy", "final", "edit", "search", "picker"].includes(m)))) {
      expect(described).toContain(b.description);
    }
  });
});
