import { stringify } from "yaml";
import type { Random } from "../../runs/random.js";

/**
 * Ways to spoil a data file, from a flipped byte to the attacks a parser must survive: alias
 * bombs, undefined and cyclic aliases, deep nesting, huge fields, binary garbage, wrong types.
 * Each takes the seed file's text (and its data, parsed) and returns the mutated bytes.
 */
type Mutation = (text: string, data: unknown, random: Random) => string | Buffer;

const MEGABYTE = 1024 * 1024;

/** A billion laughs: `levels` levels, each list holding nine aliases of the one before. */
export const aliasBomb = (levels: number): string =>
  ["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: levels }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]`)].join("\n");

/** Every string, number, array and object in a value, with a setter to replace it. */
function slotsOf(value: unknown): { get: () => unknown; set: (v: unknown) => void }[] {
  const slots: { get: () => unknown; set: (v: unknown) => void }[] = [];
  const walk = (holder: Record<string | number, unknown>, key: string | number) => {
    slots.push({ get: () => holder[key], set: (v) => (holder[key] = v) });
    const v = holder[key];
    if (v && typeof v === "object") for (const k of Object.keys(v)) walk(v as Record<string, unknown>, Array.isArray(v) ? Number(k) : k);
  };
  const root = { root: value };
  walk(root, "root");
  return slots;
}

/** Replaces one node of the data (a deep copy) with what `make` returns, and writes it back as YAML. */
const replaceNode =
  (make: (old: unknown, random: Random) => unknown): Mutation =>
  (_text, data, random) => {
    const copy = structuredClone({ root: data }).root;
    const slots = slotsOf(copy);
    const slot = random.pick(slots.slice(1).length ? slots.slice(1) : slots);
    slot.set(make(slot.get(), random));
    return stringify(slots[0]!.get(), { aliasDuplicateObjects: false });
  };

const nested = (depth: number, open: string, close: string): string => open.repeat(depth) + close.repeat(depth);

/** Splices `insert` into the text at a random point (a line start, half of the time). */
const splice = (text: string, insert: string, random: Random): string => {
  let at = random.int(text.length + 1);
  if (random.next() < 0.5) at = text.lastIndexOf("\n", at) + 1;
  return text.slice(0, at) + insert + text.slice(at);
};

const WEIRD_VALUES: readonly unknown[] = [null, true, 0, -1, 1e308, Number.NaN, "", "x", [], {}, [[]], { a: { b: {} } }, "🩺", "\u0000", "\u001b]52;c;aGk=\u0007", "2021-03-12", "*not-an-alias"];

export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  "flip bytes": (text, _d, random) => {
    const bytes = Buffer.from(text);
    for (let n = 1 + random.int(8); n > 0; n--) bytes[random.int(bytes.length)] = random.int(256);
    return bytes;
  },
  "delete a range": (text, _d, random) => {
    const at = random.int(text.length);
    return text.slice(0, at) + text.slice(at + 1 + random.int(200));
  },
  "duplicate a range": (text, _d, random) => {
    const at = random.int(text.length);
    return splice(text, text.slice(at, at + 1 + random.int(400)), random);
  },
  truncate: (text, _d, random) => text.slice(0, random.int(text.length)),
  "binary garbage": (_t, _d, random) => Buffer.from(Array.from({ length: 1 + random.int(4096) }, () => random.int(256))),
  "garbage spliced in": (text, _d, random) => splice(text, String.fromCharCode(...Array.from({ length: 1 + random.int(64) }, () => random.int(0x3000))), random),
  "alias bomb": (text, _d, random) => (random.next() < 0.5 ? aliasBomb(6 + random.int(6)) : `${text}\n${aliasBomb(6 + random.int(6))}\n`),
  "undefined alias": (text, _d, random) => splice(text, random.pick(["x: *nowhere\n", "<<: *base\n", "- *a\n", "*u : v\n"]), random),
  "cyclic alias": (_t, _d, random) => random.pick(["a: &a [1, *a]\n", "a: &a {b: *a}\n", "&r [*r]\n", "id: &i {x: *i}\npresentation: *i\n"]),
  "many aliases": () => `a: &a x\nlist: [${Array(500).fill("*a").join(", ")}]\n`,
  "deep flow nesting": (text, _d, random) => splice(text, nested(100 + random.int(50_000), random.pick(["[", "{a: "]), random.pick(["]", "}"])), random),
  "deep block nesting": (_t, _d, random) =>
    random.next() < 0.5 ? `${"- ".repeat(100 + random.int(100_000))}x\n` : Array.from({ length: 100 + random.int(300) }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"),
  "deep nesting in a field": replaceNode((_old, random) => {
    let v: unknown = "x";
    for (let i = 65 + random.int(500); i > 0; i--) v = random.next() < 0.5 ? [v] : { v };
    return v;
  }),
  "huge field": replaceNode((_old, random) => random.pick(["a", "a.", "a@", "(", " ", "MRN ", "1.1.", "Dr Aaaa ", "(4.0-11.0) "]).repeat(Math.ceil((MEGABYTE / 2) * (1 + random.next())))),
  "huge list": replaceNode((_old, random) => Array.from({ length: 10_000 + random.int(50_000) }, (_, i) => `item ${i}`)),
  "wrong type": replaceNode((_old, random) => random.pick(WEIRD_VALUES)),
  "drop a field": (_t, data, random) => {
    const copy = structuredClone({ root: data }).root;
    const objects = slotsOf(copy).map((s) => s.get()).filter((v): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v));
    const target = objects.length ? random.pick(objects) : undefined;
    const keys = target ? Object.keys(target) : [];
    if (target && keys.length) delete target[random.pick(keys)];
    return stringify(copy);
  },
  "YAML tags": (text, _d, random) => splice(text, random.pick(["x: !!binary aGVsbG8=\n", "x: !!js/function 'f(){}'\n", "x: !custom 3\n", "x: !!set {a, b}\n", "? [a, b]\n: c\n"]), random),
  "many documents": (text) => `${text}\n---\n${text}\n---\n...\n`,
  "duplicate keys": (text) => `${text}\n${text}`,
  "BOM and CRLF": (text) => `\ufeff${text.replace(/\n/g, "\r\n")}`,
  "tabs for indentation": (text) => text.replace(/^ {2}/gm, "\t"),
  "JSON form": (_t, data, random) => {
    const json = JSON.stringify(data);
    const at = random.int(json.length);
    return random.next() < 0.5 ? json : json.slice(0, at) + random.pick(["{", "]", '"', ",", "\\u12"]) + json.slice(at);
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One mutated input: which mutation made it (named in the report), and its bytes. */
export function mutate(text: string, data: unknown, random: Random): { mutation: string; bytes: Buffer } {
  const mutation = random.pick(MUTATION_NAMES);
  const out = MUTATIONS[mutation]!(text, data, random);
  return { mutation, bytes: typeof out === "string" ? Buffer.from(out) : out };
}
