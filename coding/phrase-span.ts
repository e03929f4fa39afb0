import { terms } from "../core/text-match.js";
import type { Words } from "./context.js";

/** Extra content words allowed inside a phrase's window ("pain in the left arm" for "arm pain"; stop words never count). */
export const SLACK = 1;

/** The stem of each word of a clause; a stop word's is "". */
export const stemsOf = (ws: Words): string[] => ws.map((w) => terms(w)[0] ?? "");

/** The span [from, to) of the clause's words holding every term of the phrase within a short window. */
export function spanOf(stems: readonly string[], phrase: readonly string[], slack = SLACK): [number, number] | undefined {
  const content = stems.flatMap((t, at) => (t === "" ? [] : [{ t, at }]));
  const width = phrase.length + (phrase.length > 1 ? slack : 0);
  for (let i = 0; i < content.length; i++) {
    if (!phrase.includes(content[i]!.t)) continue;
    const window = content.slice(i, i + width);
    if (!phrase.every((t) => window.some((w) => w.t === t))) continue;
    const last = Math.max(...phrase.map((t) => window.find((w) => w.t === t)!.at));
    return [content[i]!.at, last + 1];
  }
  return undefined;
}
