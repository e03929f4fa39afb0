/**
 * A final answer as written, read into the diagnoses it asserts and the ones it excludes:
 * "Pulmonary embolism excluded", "not PE; musculoskeletal pain", "?SAH ?migraine",
 * "Most likely cholecystitis; biliary colic less likely", "Differential: a, b, c".
 */
export interface ReadAnswer {
  /** The diagnoses the answer puts forward; two or more: a list that does not commit. */
  asserted: string[];
  /** The diagnoses it names as excluded, negated or unlikely. */
  negated: string[];
  /** Nothing put forward ("I don't know"). */
  none: boolean;
}

const NO_ANSWER = /^(i (do not|don t|dont) know|unknown|unsure|uncertain|undetermined|undiagnosed|not sure|no idea|cannot (say|tell)|can t (say|tell)|unclear|none given|no diagnosis( given)?|abstain|n\/?a|\?+)$/i;

/** Words that open a negated diagnosis: "no evidence of X", "not X", "excluded: X". */
const NEGATION_BEFORE =
  /^(?:(?:there is |there s |this is |it is |it s )?(?:no evidence of|no sign of|no signs of|no features of|not consistent with|not in keeping with|inconsistent with|negative for|absence of|free of|excluded|ruled out|excluding|exclude|no|not|without|unlikely to be|unlikely|not likely|less likely|never))\b\s*/i;

/** Words that close a negated diagnosis: "X excluded", "X has been ruled out by CT", "X unlikely". */
const NEGATION_AFTER =
  /\s*\b(?:(?:has been|have been|was|were|is|are|now|been)\s+)?(?:excluded|ruled out|unlikely|less likely|not likely|not present|absent|negative|not supported|not the diagnosis|improbable)(?:\s+(?:by|on|with|after|given|as|because|per|from|at|in)\b.*)?$/i;

/** Lead-ins that name what follows ("Final diagnosis:"); `list` lead-ins open a list that does not commit. */
const LEAD_IN = /^(?:(?:final|working|provisional|most likely|likely|clinical)\s+)?(?:diagnosis|dx|impression|assessment|answer)\s*(?:is)?\s*[:-]?\s*/i;
const LIST_LEAD_IN = /^(?:differential(?:\s+diagnosis|\s+diagnoses)?|differentials|ddx)\s*(?:includes?|of|are|is)?\s*[:-]?\s*/i;

/** Hedges in front of one diagnosis: the answer still commits to it when it stands alone. */
const HEDGE =
  /^(?:(?:most|more|very)\s+)?(?:possible|possibly|probable|probably|likely|suspected|suspect|suspicion of|query|consider|considering|could be|may be|might be|maybe|either|presumed|presumptive|perhaps|favou?r|in keeping with|consistent with|this is|it is|it s|the patient has|patient has|has)\b\s*/i;

const ALTERNATIVES = /\s+(?:or|vs\.?|versus|v\.?|and\/or)\s+|\s*\?\s*|\s*\/\s*(?=[a-z]{3,})/i;

const stripHedges = (text: string): string => {
  let t = text.trim().replace(/^[\s,.:;-]+|[\s,.:;?!-]+$/g, "");
  for (let before = ""; before !== t; ) {
    before = t;
    t = t.replace(HEDGE, "").trim();
  }
  return t;
};

/** A clause's alternatives: split on "or", "vs", "?", "/", and on commas when the clause is a list. */
function alternatives(clause: string, listCue: boolean): string[] {
  const hedges = clause.split(",").filter((part) => HEDGE.test(part.trim())).length;
  const isList = listCue || ALTERNATIVES.test(clause) || hedges >= 2;
  const parts = clause.split(ALTERNATIVES).flatMap((p) => (isList ? p.split(",") : [p]));
  return parts.map(stripHedges).filter((p) => /[a-z]{2,}/i.test(p));
}

export function readAnswer(answer: string): ReadAnswer {
  const text = answer.replace(/\s+/g, " ").trim();
  if (text === "" || NO_ANSWER.test(text.replace(/[’']/g, " ").replace(/[.!]+$/, "").trim())) return { asserted: [], negated: [], none: true };
  const asserted: string[] = [];
  const negated: string[] = [];
  const clauses = text.split(/\s*[;\n]\s*|\.\s+|\s+but\s+|\s+—\s+|\s+-\s+(?=[a-z])|,\s*(?=(?:this is|it is|it s|rather|instead)\b)/i);
  for (const raw of clauses) {
    let clause = raw.replace(LEAD_IN, "").trim();
    const listCue = LIST_LEAD_IN.test(clause);
    clause = clause.replace(LIST_LEAD_IN, "").replace(/^(?:rather|instead)\s*/i, "").trim();
    if (clause === "") continue;
    const before = NEGATION_BEFORE.exec(clause);
    const after = NEGATION_AFTER.exec(clause);
    if (before || after) {
      const named = clause.slice(before ? before[0].length : 0, after ? after.index : undefined);
      negated.push(...alternatives(named, true));
      continue;
    }
    asserted.push(...alternatives(clause, listCue));
  }
  return { asserted, negated, none: asserted.length === 0 && negated.length === 0 };
}
