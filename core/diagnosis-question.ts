import type { KnowledgeBase } from "./knowledge.js";
import { nameForms } from "./redact.js";
import { containsRun, foldText, terms } from "./text-match.js";
import { bundledVocabulary } from "./vocabulary-loader.js";

/**
 * Questions about diagnoses, told apart from history questions by their form, never by which
 * disease they name: "is it X?", "could this be X?", "have you ruled out X?", "what did the
 * doctors think?" get one refusal whether X is the case's diagnosis, another disease or a
 * made-up name. A gatekeeper that refused only the truth (or only the diseases it knows) would
 * give the answer away by refusing. "Is it worse when lying down?" and "is it painful?" ask
 * about a symptom and are answered.
 */

/** Questions that ask for a diagnosis or an opinion on one, whatever follows. */
const ABOUT_DIAGNOSES: readonly RegExp[] = [
  /\b(diagnosis|diagnoses|diagnose|diagnosed as|diagnostic impression|dx|ddx|differential|differentials|impression)\b(?! (of|with) (his|her|their) (own|past|previous))/,
  /\b(rule|rules|ruled|ruling) (out|in)\b/,
  /\b(have|has|had) (you|they|the doctors?|the team|anyone|it|that|this) (been )?(excluded?|considered|suspected|thought of|looked for|checked for)\b/,
  /\b(been|be|was|were|is) (excluded|considered|suspected)\b/,
  /\b(exclude|excluding|consider|considering|suspect|suspecting|worried about|concerned about|thinking of|thinking about)\b/,
  /\bwhat (did|do|does|have|has|would) (the )?(doctors?|physicians?|team|clinicians?|they|you|gp|consultant|specialists?|hospital|ed|er|emergency department) (think|thought|say|said|suspect|suspected|conclude|concluded|call it|called it|decide|decided)\b/,
  /\b(do|did|would|does) (you|they|the doctors?) (think|believe|suspect|reckon)\b/,
  /\b(likely|probable|possible|plausible) (cause|explanation|culprit|condition|disease)\b/,
  /\bany chance (it|that|this|of)\b/,
  /\b(consistent|compatible|in keeping) with\b|\bsuggestive of\b/,
  /\bwhat (is |s )?(wrong|the matter|going on|causing|the cause|the underlying)\b/,
  /\b(what|which) (disease|condition|illness|disorder|syndrome|infection|pathology)\b/,
];

/** "is it X", "could this be X", "might she have X": a form that proposes X, answered only when X describes a symptom. */
const PROPOSES = /\b(?:is|could|might|may|would|can|must)\s+(?:it|this|that|he|she|they|the patient|patient)\s+(?:really\s+|possibly\s+|just\s+)?(?:be|have|has)?\s*(?:got\s+)?(.+)$/;
/** "is X likely?", "is X the cause?": X before an opinion word. */
const X_LIKELY = /^(?:is|are|was|could|would)\s+(.+?)\s+(?:(?:likely|possible|probable|unlikely|a possibility|a consideration|on the (?:list|cards|table))\s*$|the (?:cause|problem|answer|culprit|one)\b)/;

/** Words that open a description of a symptom, not a disease: "is it worse…", "is it painful?". */
const DESCRIBES =
  /^(?:a |an |the )?(?:a lot|lots|much|many|worse|better|bad|worst|painful|sore|tender|sharp|dull|constant|intermittent|there|present|getting|still|always|often|ever|every|all|only|mainly|mostly|more|less|any|very|quite|really|too|so|bigger|larger|smaller|longer|shorter|higher|lower|hot|cold|warm|red|swollen|itchy|itching|bleeding|spreading|radiating|moving|painless|stiff|weak|numb|tingling|burning|throbbing|stabbing|crushing|pressing|squeezing|aching|cramping|colicky|relieved|eased|triggered|brought on|related|associated|caused by|affecting|on (?:the )?(?:left|right|both)|in (?:the |one |both )|at (?:night|rest|times)|when|while|after|before|during|with|without|like|able|possible to|hard|easy|difficult|new|old|the same|different|similar|normal|regular|irregular|fast|slow|frequent|on|taking|allergic|pregnant|breastfeeding|a smoker|a drinker|married|sexually|vaccinated|immuni[sz]ed|up to date|due|awake|alert|conscious|breathing|eating|drinking|sleeping|passing|having|feeling)\b|^\w+(?:ful|less|ing|ed|ly)\b/;

interface Index {
  /** Disease names (knowledge base and vocabulary) as term sequences. */
  diseases: string[][];
  /** Those disease names that are not also a symptom or history topic ("heartburn"). */
  diseasesOnly: string[][];
  /** Symptom, sign and history topics of the knowledge base. */
  findings: string[][];
  /** The knowledge base's own history questions ("do you have asthma?"), as term sets. */
  historyQuestions: Set<string>[];
}

const indices = new WeakMap<KnowledgeBase, Index>();

function indexFor(kb: KnowledgeBase): Index {
  const cached = indices.get(kb);
  if (cached) return cached;
  const vocabulary = bundledVocabulary(kb);
  const names = [...kb.diseases.flatMap((d) => [d.name, ...d.synonyms]), ...vocabulary.concepts.flatMap((c) => c.names)].filter((n) => !/^[A-Z0-9]{1,3}$/.test(n));
  const diseases = nameForms(names, { cores: true })
    .map((words) => terms(words.join(" ")))
    .filter((p) => p.length > 0 && p.join("").length >= 4);
  const findings = kb.findings
    .filter((f) => f.kind !== "test")
    .flatMap((f) => [...f.topics, f.name].map(terms))
    .filter((p) => p.length > 0);
  // Findings by each of their terms, so that a name is checked only against findings it shares a term with.
  const byTerm = new Map<string, string[][]>();
  for (const f of findings) for (const t of new Set(f)) byTerm.set(t, [...(byTerm.get(t) ?? []), f]);
  const isFinding = (p: readonly string[]) => p.some((t) => (byTerm.get(t) ?? []).some((f) => containsRun(f, p) || containsRun(p, f)));
  const index: Index = {
    diseases,
    diseasesOnly: diseases.filter((p) => !isFinding(p)),
    findings,
    historyQuestions: kb.findings.flatMap((f) => (f.kind === "history" && f.question ? [new Set(terms(f.question))] : [])),
  };
  indices.set(kb, index);
  return index;
}

/** A question about the patient's past or family, which may name a disease without asking for the diagnosis. */
const PAST_HISTORY =
  /\b(before|previous|previously|prior|past|ever|history of|family|relatives?|mother|father|brother|sister|parents?|years ago|last year|as a child|known|been told|diagnosed with|(have|has) (you|he|she|they|the patient) (ever )?had)\b/;

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) => a.size === b.size && [...a].every((t) => b.has(t));

/**
 * Whether a question is about diagnoses: a form that asks for or proposes one (whatever it
 * names, a made-up name included), or a question that names a disease outside the patient's
 * past history. What the case's diagnosis is plays no part.
 */
export function isDiagnosisQuestion(question: string, kb: KnowledgeBase): boolean {
  const folded = foldText(question);
  if (folded === "") return false;
  const past = PAST_HISTORY.test(folded);
  if (!past && ABOUT_DIAGNOSES.some((re) => re.test(folded))) return true;
  const index = indexFor(kb);
  const asked = terms(question);
  const names = (list: readonly string[][]) => list.some((p) => containsRun(asked, p));
  const proposed = PROPOSES.exec(folded)?.[1] ?? X_LIKELY.exec(folded)?.[1];
  if (proposed !== undefined && !past) {
    if (X_LIKELY.test(folded)) return true;
    if (names(index.diseases)) return true;
    if (DESCRIBES.test(proposed.trim())) return false;
    const x = terms(proposed);
    if (x.length === 0) return false;
    return !index.findings.some((f) => containsRun(x, f));
  }
  if (past || index.historyQuestions.some((h) => sameSet(h, new Set(asked)))) return false;
  return names(index.diseasesOnly);
}
