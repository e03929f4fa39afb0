import type { SessionRecord } from "./record.js";

/** Where a saved session sits among forks: the session and round it was forked from (the catalogue's record fits). */
export interface Lineage {
  readonly id: string;
  readonly parent: { readonly id: string; readonly round: number } | null;
}

/** The other branch of a fork, for the debrief: what to call it, where the two parted, what it did. */
export interface Branch {
  readonly name: string;
  /** The first round the two paths did not share; 1 when they share none. */
  readonly forkRound: number;
  readonly record: SessionRecord;
}

/**
 * A session's ancestors, itself first, each with the first round the session does not share with
 * it. A fork begins at the review of its round, before that round's action, so it shares its
 * parent's rounds before that one, and of a grandparent only what the parent shared too.
 */
function ancestry(session: Lineage, lineageOf: (id: string) => Lineage | undefined): Map<string, number> {
  const parting = new Map<string, number>();
  let limit = Infinity;
  for (let at: Lineage | undefined = session; at && !parting.has(at.id); at = at.parent ? lineageOf(at.parent.id) : undefined) {
    parting.set(at.id, limit);
    if (at.parent) limit = Math.min(limit, at.parent.round);
  }
  return parting;
}

/**
 * The other branch as seen from `self`: its name, and the round where the two paths part,
 * through their nearest common ancestor (1 when they have none). `lineageOf` looks a session up
 * in the catalogue.
 */
export function otherBranch(self: Lineage, other: Lineage, record: SessionRecord, lineageOf: (id: string) => Lineage | undefined): Branch {
  if (self.id === other.id) throw new RangeError(`session ${self.id} is not a branch of itself`);
  const mine = ancestry(self, lineageOf);
  const theirs = ancestry(other, lineageOf);
  const common = [...theirs].find(([id]) => mine.has(id));
  const forkRound = common ? Math.min(common[1], mine.get(common[0])!) : 1;
  const name = mine.has(other.id) ? `the original, ${other.id}` : theirs.has(self.id) ? `the fork ${other.id}` : `session ${other.id}`;
  return { name, forkRound, record };
}
