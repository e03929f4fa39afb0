import type { Case, FindingItem, FindingLink, TestResult } from "./case.js";
import { remembered } from "./bounded-memo.js";
import type { Catalog } from "./catalog.js";
import type { FindingDef, KnowledgeBase } from "./knowledge.js";
import { isDiagnosisQuestion } from "./diagnosis-question.js";
import { sameStructureTests } from "./imaged-structures.js";
import { diagnosisNameForms, diagnosisRedactor, nameForms } from "./redact.js";
import type { GatekeeperReply, Reveal } from "./reveal.js";
import { type PhraseMatch, type TermWeight, bestPhraseMatch, containsRun, foldText, nearby, stem, termCounts, termWeights, terms } from "./text-match.js";

export { redactDiagnosis } from "./redact.js";

/** The only door to the hidden case: questions are answered and ordered tests reported by the SDBench rules. */
export interface Gatekeeper {
  ask(question: string): GatekeeperReply;
  /** A test already resolved to a catalog or case-specific id; `asWritten` is the order as the panel wrote it. */
  order(testId: string, asWritten?: string): GatekeeperReply;
}

export interface GatekeeperInput {
  caseFile: Case;
  catalog: Catalog;
  kb: KnowledgeBase;
}

export const REFUSAL = {
  diagnosis:
    "I can't comment on the diagnosis or on what it might be. Ask about a specific symptom, part of the history or examination finding, or order a test by name.",
  vague: "Please ask one specific question (a symptom, a part of the history or an examination finding) or order a named test.",
  test: "Test and imaging results are reported only when the test is ordered. Order the test by name.",
} as const;

/** The replies of a healthy patient to what the case does not mention. */
export const HEALTHY_REPLY = {
  symptom: "No, the patient has not noticed that.",
  history: "No, there is no history of that.",
  sign: "On examination this is normal.",
  /** To an open question ("what makes it worse?"), where a plain "no" would not read as an answer. */
  open: "Nothing of note.",
} as const;

/** Said of a case-specific test the case gives no result for (the catalog's own tests carry a normal result). */
export const CASE_TEST_NORMAL_RESULT = "No abnormality found.";

/** Words that only ask for "more" or for a whole category: a question made of nothing else is vague. */
const VAGUE_TERMS = new Set(
  (
    "order run do check send perform get some other else more everything anything all thing things stuff " +
    "finding findings information info detail details result results test tests lab labs bloods " +
    "investigation investigations workup further additional relevant pertinent important significant " +
    "abnormal abnormality positive negative summary overview case history symptom symptoms exam examination examine " +
    "physical sign signs complaint complaints show shows showed happen happened going new notable remarkable " +
    "general overall full complete entire whole basic routine standard"
  )
    .split(" ")
    .map(stem),
);

/** Words that mean an investigation wherever they stand in a question. */
const INVESTIGATION_WORDS = [
  "ct", "cat scan", "mri", "x ray", "xray", "radiograph", "scan", "ultrasound", "sonogram", "imaging",
  "biopsy", "histology", "histopathology", "pathology report", "culture", "blood test", "lab", "laboratory",
  "result", "ecg", "ekg", "echo", "echocardiogram", "endoscopy", "colonoscopy", "angiogram", "angiography",
  "smear", "serology", "swab", "pcr", "assay", "cytology", "gram stain",
].map(terms);

/** Measurements a question may ask for by name, like a catalog test's name (see `ask`). */
const ANALYTES = [
  "blood count", "white count", "white cell count", "haemoglobin", "sodium", "potassium", "creatinine", "urea",
  "bilirubin", "platelets", "wbc", "inr",
];

/** Asking for the diagnosis, an interpretation, or the case file itself. */
const DIAGNOSIS_REQUEST: readonly RegExp[] = [
  /\b(diagnosis|diagnoses|diagnose|diagnostic|dx|ddx|differential|differentials|impression)\b/,
  /\bwhat (is |s )?(wrong|the matter|going on)\b/,
  /\bwhat (does|did) (he|she|they|the patient|patient) (have|suffer)/,
  /\b(what|which) (disease|condition|illness|disorder|syndrome|infection|pathology)\b/,
  /\bwhat (is |s )?(causing|the cause|the underlying)\b/,
  /\b(could|might|would|may) (it|this|that) be\b/,
  /\b(do|would) you think\b/,
  /\b(rule out|ruled out|consistent with|suggestive of|in keeping with|compatible with)\b/,
  /\b(ignore|disregard|forget|override) (your|the|all|any|previous|prior|these|those)\b/,
  /\b(system prompt|your instructions|your rules|case file|answer key|the answer|final answer|correct answer|hidden|secret)\b/,
  /\b(spell (it|the|that|out)|spelled|spelt|backwards?|in reverse|encode|encoded|base64|anagram|first letters?)\b/,
];

/** A question about the patient's past or family, which may name a disease without asking for the diagnosis. */
const PAST_HISTORY =
  /\b(before|previous|previously|prior|past|ever|history of|family|relatives?|mother|father|brother|sister|parents?|years ago|last year|as a child|known|been told|diagnosed with|(have|has) (you|he|she|they|the patient) had)\b/;

/** A question that proposes a disease ("is it X", "could this be X") rather than asking for a finding. */
const PROPOSES_DISEASE = /\b(is|could|might|would|may) (it|this|that)\b|\b(likely|possible|probable|suspect|suspected|think)\b/;

/** A question that asks what, where or how rather than yes or no. */
const OPEN_QUESTION = /^(where|what|whats|how|when|which|why|who)\b|\b(describe|tell me about)\b/;

/** Cues that an unanswered question was about the examination, or about the history. */
const EXAM_CUES = new Set(
  "examine examination exam palpate palpation auscultate auscultation listen inspect inspection percuss percussion tender tenderness murmur reflex reflexes sign signs look appear appearance on".split(" ").map(stem),
);
const HISTORY_CUES = new Set(
  "history past previous previously before family medication medications medicine medicines drug drugs take taking smoke smoking alcohol drink allergy allergies operation operations surgery travel travelled vaccinated vaccination occupation job work".split(" ").map(stem),
);

interface Indexed<T> {
  value: T;
  phrases: string[][];
}

interface Hit<T> {
  value: T;
  match: PhraseMatch;
}

const phrasesOf = (texts: readonly (string | undefined)[]): string[][] =>
  texts.flatMap((t) => (t === undefined ? [] : [terms(t)])).filter((p) => p.length > 0);

function bestOf<T>(question: ReadonlySet<string>, indexed: readonly Indexed<T>[], weight: TermWeight, tieBreak?: (value: T) => number): Hit<T> | undefined {
  // A phrase matches only through a term it shares with the question (matchPhrase), so only
  // the entries holding one of its terms are scored, in the list's order: ties go as in a full scan.
  const byTerm = termIndex(indexed);
  const candidates = new Set<number>();
  for (const t of question) for (const i of byTerm.get(t) ?? []) candidates.add(i);
  let best: Hit<T> | undefined;
  for (const i of [...candidates].sort((a, b) => a - b)) {
    const entry = indexed[i]!;
    const match = bestPhraseMatch(question, entry.phrases, weight);
    const wins = match && (!best || match.score > best.match.score || (match.score === best.match.score && tieBreak !== undefined && tieBreak(entry.value) > tieBreak(best.value)));
    if (wins) best = { value: entry.value, match };
  }
  return best;
}

/** An index's entries by each term of their phrases, built once per list. */
const termIndices = new WeakMap<readonly Indexed<unknown>[], Map<string, number[]>>();

function termIndex(indexed: readonly Indexed<unknown>[]): Map<string, number[]> {
  const known = termIndices.get(indexed);
  if (known) return known;
  const byTerm = new Map<string, number[]>();
  indexed.forEach((entry, i) => {
    for (const t of new Set(entry.phrases.flat())) {
      const list = byTerm.get(t);
      if (list) list.push(i);
      else byTerm.set(t, [i]);
    }
  });
  termIndices.set(indexed, byTerm);
  return byTerm;
}

const uniqueLinks = (links: readonly FindingLink[]): FindingLink[] => {
  const seen = new Set<string>();
  return links.filter((l) => !seen.has(l.id) && seen.add(l.id));
};

/** A sentence the case states openly, with its terms. */
interface Statement {
  text: string;
  terms: ReadonlySet<string>;
}

/** The source recorded for an answer taken from the presentation. */
const PRESENTATION = "presentation";

const within = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => [...a].every((t) => b.has(t));

/** A finding's topics and name, each as the set of its terms. */
const topicSets = (f: FindingDef): Set<string>[] => phrasesOf([...f.topics, f.name]).map((t) => new Set(t));

/**
 * The offline gatekeeper: deterministic, pure given the case, the catalog and the knowledge
 * base. It answers a question with the one case item it matches (by topic and synonyms, or
 * through the knowledge-base finding the item is linked to), refuses vague, result-seeking and
 * diagnosis-seeking questions, answers what the case does not mention as a healthy patient
 * would, and reports ordered tests: the case's result, or one derived from the case and its
 * diagnosis (derivedResult), normal when nothing is known. Replies
 * built from the case and synthesised ones look alike; only `synthetic` (audit) tells them
 * apart. Every text passes the diagnosis filter.
 */
// What the gatekeeper derives from the knowledge base and the catalog is the same for every
// case, so it is built once per object and dropped with it.
const knowledgeIndices = new WeakMap<KnowledgeBase, ReturnType<typeof buildKnowledgeIndex>>();
const catalogIndices = new WeakMap<Catalog, string[][]>();

function buildKnowledgeIndex(kb: KnowledgeBase) {
  const kbFindings: Indexed<FindingDef>[] = kb.findings.map((f) => ({ value: f, phrases: phrasesOf([...f.topics, f.question, f.name]) }));
  return {
    kbDiseaseNames: kb.diseases
      .flatMap((d) => nameForms([d.name, ...d.synonyms], { cores: true }))
      .map((words) => terms(words.join(" ")))
      .filter((p) => p.length > 0),
    kbFindings,
    // Its own list, kept with the knowledge, so its term index (termIndex) is built once too.
    clinicalFindings: kbFindings.filter((f) => f.value.kind !== "test"),
    findingTermCounts: termCounts(kbFindings.map((f) => f.phrases)),
    findingPhrases: new Map(kbFindings.map((f) => [f.value.id, f.phrases])),
    historyQuestions: kb.findings.flatMap((f) => (f.kind === "history" && f.question ? [new Set(terms(f.question))] : [])),
  };
}

function knowledgeIndex(kb: KnowledgeBase) {
  const index = knowledgeIndices.get(kb) ?? buildKnowledgeIndex(kb);
  knowledgeIndices.set(kb, index);
  return index;
}

function catalogPhrases(catalog: Catalog): string[][] {
  const phrases = catalogIndices.get(catalog) ?? phrasesOf([...catalog.tests.flatMap((t) => [t.name, ...t.synonyms, t.id.replaceAll("_", " ")]), ...ANALYTES]);
  catalogIndices.set(catalog, phrases);
  return phrases;
}

// Pure given its case, catalog and knowledge base, a gatekeeper is built once per trio and keeps
// the replies it gave: every run of a case (a batch's repeats, a replayed session) asks it the
// same questions. Replies are shared, never changed. A server keeps a case for its lifetime and
// physicians type questions freely, so each store of replies is bounded.
export const REPLY_MEMO_SIZE = 1024;
const gatekeepers = new WeakMap<Case, WeakMap<KnowledgeBase, WeakMap<Catalog, Gatekeeper>>>();

export function createOfflineGatekeeper(input: GatekeeperInput): Gatekeeper {
  const byKb = gatekeepers.get(input.caseFile) ?? new WeakMap<KnowledgeBase, WeakMap<Catalog, Gatekeeper>>();
  gatekeepers.set(input.caseFile, byKb);
  const byCatalog = byKb.get(input.kb) ?? new WeakMap<Catalog, Gatekeeper>();
  byKb.set(input.kb, byCatalog);
  const known = byCatalog.get(input.catalog);
  if (known) return known;
  const rules = buildGatekeeper(input);
  const asked = new Map<string, GatekeeperReply>();
  const ordered = new Map<string, GatekeeperReply>();
  const gatekeeper: Gatekeeper = {
    ask: (question) => remembered(asked, question, REPLY_MEMO_SIZE, () => rules.ask(question)),
    order: (testId, asWritten) => remembered(ordered, asWritten === undefined ? testId : `${testId}\n${asWritten}`, REPLY_MEMO_SIZE, () => rules.order(testId, asWritten)),
  };
  byCatalog.set(input.catalog, gatekeeper);
  return gatekeeper;
}

function buildGatekeeper({ caseFile, catalog, kb }: GatekeeperInput): Gatekeeper {
  const truthDisease = caseFile.diagnosis.kb_id ? kb.diseaseById.get(caseFile.diagnosis.kb_id) : undefined;
  const truthOtherNames = truthDisease ? [truthDisease.name, ...truthDisease.synonyms] : [];
  const visible = `${caseFile.presentation.chief_complaint} ${caseFile.presentation.narrative}`;
  const redact = diagnosisRedactor(caseFile.diagnosis, truthOtherNames, visible);
  const toTerms = (words: readonly string[]) => terms(words.join(" "));
  const truthNames = caseFile.diagnosis.no_disease ? [] : diagnosisNameForms(caseFile.diagnosis, truthOtherNames, visible).map(toTerms);
  const { kbDiseaseNames, kbFindings, clinicalFindings, findingTermCounts, findingPhrases, historyQuestions } = knowledgeIndex(kb);
  const linkedPhrases = (item: FindingItem) => item.kb.flatMap((link) => findingPhrases.get(link.id) ?? []);
  const ownPhrases = new Map(caseFile.findings.map((item) => [item.id, phrasesOf([item.topic, ...item.synonyms])]));
  const items: Indexed<FindingItem>[] = caseFile.findings.map((item) => ({
    value: item,
    phrases: [...(ownPhrases.get(item.id) ?? []), ...linkedPhrases(item)],
  }));
  const known = caseKnowledge(caseFile, kb);
  const settling = new Set(kb.decisive.map((d) => d.finding));
  /**
   * Whether an unlisted test shows a finding the case never mentions: a patient with the case's
   * diagnosis shows what that disease shows more often than not (an interferon-gamma assay in
   * tuberculosis is positive), as SDBench's gatekeeper writes realistic results consistent with
   * the case. A finding that settles a diagnosis by itself is never made up: it comes only from
   * the case's own record. Undefined: the result says nothing of it.
   */
  const typicalOfDiagnosis = (findingId: string): boolean | undefined =>
    !settling.has(findingId) && (truthDisease?.findings.find((l) => l.id === findingId)?.p ?? 0) > 0.5 ? true : undefined;
  const presentedAs = new Map(caseFile.presentation.kb.map((l) => [l.id, l.present]));
  // The chief complaint and each sentence of the narrative: what the case states openly.
  const statements: Statement[] = [caseFile.presentation.chief_complaint, ...caseFile.presentation.narrative.split(/(?<=[.!?])\s+/)]
    .filter((text) => text.trim().length > 0)
    .map((text) => ({ text: text.trim(), terms: new Set(terms(text)) }));
  const weight = termWeights([...ownPhrases.values()], findingTermCounts);

  const testPhrases = [
    ...catalogPhrases(catalog),
    ...phrasesOf(caseFile.case_tests.flatMap((t) => [t.name, ...t.synonyms, t.id.replace(/[_.-]/g, " ")])),
  ];

  const answer = (request: string, text: string, findings: FindingLink[], synthetic: boolean, source?: string): GatekeeperReply => ({
    reveal: { kind: "answer", request, text: redact(text), values: [], abnormal: false, findings },
    synthetic,
    ...(source ? { source } : {}),
  });
  const refuse = (request: string, text: string): GatekeeperReply => ({
    reveal: { kind: "refusal", request, text, values: [], abnormal: false, findings: [] },
    synthetic: false,
  });

  /**
   * The case item that speaks to a finding: one linked to it, or an item with no links at all
   * (an uncoded case) whose topic is the finding's ("appetite"), or holds or is held by one of
   * its topics of two words or more ("right lower" in "right lower quadrant"). A coded item
   * that does not link the finding does not speak to it.
   */
  const itemFor = (f: FindingDef): FindingItem | undefined => {
    const linked = caseFile.findings.find((item) => item.kb.some((l) => l.id === f.id));
    if (linked) return linked;
    const topics = topicSets(f);
    const speaksTo = (p: ReadonlySet<string>, t: ReadonlySet<string>) =>
      (p.size === t.size && within(p, t)) || (t.size >= 2 && within(t, p)) || (p.size >= 2 && within(p, t));
    return caseFile.findings.find(
      (item) => item.kb.length === 0 && (ownPhrases.get(item.id) ?? []).some((p) => topics.some((t) => speaksTo(new Set(p), t))),
    );
  };

  const itemWords = new Map(caseFile.findings.map((item) => [item.id, new Set(terms(item.text))]));
  /**
   * An item whose own words hold one of a finding's topics of two words or more ("the spreading
   * redness reaches the knee" holds "spreading redness"), though neither its heading nor its codes
   * name the finding: the case speaks of it, so a healthy "no" would be made up. Its text is the
   * answer, with the codes it has. A one-word topic ("onset", "light") turns up in too many notes
   * that say nothing of the finding.
   */
  const mentioning = (f: FindingDef): FindingItem | undefined => {
    const topics = topicSets(f).filter((t) => t.size >= 2);
    return caseFile.findings.find((item) => topics.some((t) => within(t, itemWords.get(item.id)!)));
  };

  /** What a healthy patient says: by the matched finding's kind, or by the question's words. */
  const healthyReply = (question: string, q: ReadonlySet<string>, f: FindingDef | undefined): GatekeeperReply => {
    const has = (cues: ReadonlySet<string>) => [...q].some((t) => cues.has(t));
    const kind = f ? f.kind : has(EXAM_CUES) ? "sign" : has(HISTORY_CUES) ? "history" : "symptom";
    const text =
      kind === "sign"
        ? HEALTHY_REPLY.sign
        : OPEN_QUESTION.test(foldText(question))
          ? HEALTHY_REPLY.open
          : kind === "history"
            ? HEALTHY_REPLY.history
            : HEALTHY_REPLY.symptom;
    return answer(question, text, f ? [{ id: f.id, present: false }] : [], true);
  };

  /**
   * Asks for the diagnosis, an opinion on one, or the case file; or names the case's diagnosis
   * other than as past history ("has he had a stroke before?", or the knowledge base's own
   * history question "do you have asthma?", asks about the past, not for this illness's name).
   */
  const asksForDiagnosis = (question: string, sequence: readonly string[]): boolean => {
    const folded = foldText(question);
    if (DIAGNOSIS_REQUEST.some((re) => re.test(folded))) return true;
    const proposes = PROPOSES_DISEASE.test(folded);
    if (truthNames.some((name) => nearby(sequence, name))) {
      const asked = new Set(sequence);
      const pastHistory = PAST_HISTORY.test(folded) || historyQuestions.some((h) => h.size === asked.size && within(h, asked));
      if (proposes || !pastHistory) return true;
    }
    return proposes && kbDiseaseNames.some((name) => containsRun(sequence, name));
  };

  /** A specific question's reply: the matching case item, a refusal for a result, or a healthy answer. */
  const reply = (question: string, sequence: readonly string[]): GatekeeperReply => {
    const q = new Set(sequence);
    // Of two items that match alike through the finding they both link, the one whose own heading
    // the question names speaks to it ("Lymph nodes: diffuse lymphadenopathy" over a head-and-neck note).
    const item = bestOf(q, items, weight, (it) => bestPhraseMatch(q, ownPhrases.get(it.id) ?? [], weight)?.score ?? 0);
    const finding = bestOf(q, kbFindings, weight);
    // A test's name asks for its result unless the question reads better as a clinical one:
    // "any fits?" is about seizures, not the faecal immunochemical test (FIT).
    const clinical = Math.max(item?.match.score ?? 0, bestOf(q, clinicalFindings, weight)?.match.score ?? 0);
    const test = bestPhraseMatch(q, testPhrases, weight);
    if (test && test.score > clinical) return refuse(question, REFUSAL.test);
    // On a tie a coded item wins through its topic or a finding it links, not through a
    // synonym alone: "worse when he coughs" among its synonyms does not answer "any cough?".
    const tieScore = (it: FindingItem) => bestPhraseMatch(q, [terms(it.topic), ...linkedPhrases(it)], weight)?.score ?? 0;
    const itemWins =
      item &&
      (!finding ||
        item.match.score > finding.match.score ||
        (item.match.score === finding.match.score && (item.value.kb.length === 0 || tieScore(item.value) >= finding.match.score)));
    if (itemWins) return answer(question, item.value.text, uniqueLinks(item.value.kb), false, item.value.id);
    if (finding) {
      // A result asked for as a question: it is revealed only by ordering its test.
      if (finding.value.kind === "test") return refuse(question, REFUSAL.test);
      const describing = itemFor(finding.value);
      if (describing) return answer(question, describing.text, uniqueLinks(describing.kb), false, describing.id);
      const presented = presentedAs.get(finding.value.id);
      if (presented !== undefined) {
        const topic = topicSets(finding.value);
        const says = (st: Statement) => topic.some((t) => within(t, st.terms));
        return answer(question, (statements.find(says) ?? statements[0]!).text, [{ id: finding.value.id, present: presented }], false, PRESENTATION);
      }
      const mentioned = mentioning(finding.value);
      if (mentioned) return answer(question, mentioned.text, uniqueLinks(mentioned.kb), false, mentioned.id);
    }
    // What the case states in so many words, the chief complaint first: never a healthy "no".
    const stated = statements.find((st) => within(q, st.terms));
    if (stated) {
      const said = finding ? known.get(finding.value.id) : undefined;
      return answer(question, stated.text, finding && said !== undefined ? [{ id: finding.value.id, present: said }] : [], false, PRESENTATION);
    }
    const inItem = caseFile.findings.find((it) => within(q, new Set(terms(it.text))));
    if (inItem) return answer(question, inItem.text, uniqueLinks(inItem.kb), false, inItem.id);
    return healthyReply(question, q, finding?.value);
  };

  /**
   * A specimen's analysis the case reports with the tap that yields it ("Arthrocentesis: WBC
   * > 50,000/uL, Gram-negative diplococci"): the tap's report, with the links its analysis reads,
   * when the report speaks of the analysis (links to its findings, or abnormal words none reads).
   */
  const tapReport = (testId: string): TestResult | undefined => {
    const ofAnalysis = (l: FindingLink) => kb.findingById.get(l.id)?.tests.includes(testId) ?? false;
    for (const procedure of kb.specimens.find((s) => s.analysis === testId)?.procedures ?? []) {
      const tap = caseFile.tests[procedure];
      if (tap && (tap.kb.some(ofAnalysis) || (tap.abnormal && tap.kb.length === 0))) return { ...tap, kb: tap.kb.filter(ofAnalysis) };
    }
    return undefined;
  };

  /**
   * A result for a test the case does not list, derived from what the case says: each finding
   * the test reveals is reported as the case codes it anywhere (a Holter after an ECG showing
   * atrial fibrillation shows it; a transoesophageal echo after a CT with a dissection flap shows
   * the flap); a finding the case never mentions is present when typical of the case's diagnosis
   * (typicalOfDiagnosis), else absent. With none present, an imaging test of
   * a structure the case shows abnormal on another test reads as that test did; otherwise the
   * result is the test's normal one. A specimen's analysis reported with its tap reads as the tap's
   * report. Recorded as synthetic either way.
   */
  const derivedResult = (testId: string, normal: string): TestResult => {
    const tap = tapReport(testId);
    if (tap) return tap;
    const links = kb.findings.flatMap((f) => {
      const present = f.tests.includes(testId) ? (known.get(f.id) ?? typicalOfDiagnosis(f.id)) : undefined;
      return present === undefined ? [] : [{ id: f.id, present }];
    });
    const shown = links.filter((l) => l.present).map((l) => kb.findingById.get(l.id)!.name);
    if (shown.length > 0) return { text: `${shown.join(". ")}.`, values: [], abnormal: true, kb: links };
    const sameStructure = sameStructureTests(testId).map((id) => caseFile.tests[id]).find((r) => r?.abnormal);
    if (sameStructure) return { text: sameStructure.text, values: [], abnormal: true, kb: links };

    return { text: normal, values: [], abnormal: false, kb: links };
  };

  return {
    ask(question) {
      const sequence = terms(question);
      if (isDiagnosisQuestion(question, kb) || asksForDiagnosis(question, sequence)) return refuse(question, REFUSAL.diagnosis);
      if (sequence.every((t) => VAGUE_TERMS.has(t))) return refuse(question, REFUSAL.vague);
      if (INVESTIGATION_WORDS.some((p) => containsRun(sequence, p))) return refuse(question, REFUSAL.test);
      return reply(question, sequence);
    },

    order(testId, asWritten) {
      const catalogTest = catalog.byId.get(testId);
      const caseTest = caseFile.case_tests.find((t) => t.id === testId);
      const result = caseFile.tests[testId];
      const testName = catalogTest?.name ?? caseTest?.name ?? testId;
      const request = asWritten ?? testName;
      if (!result && !catalogTest && !caseTest) {
        return refuse(request, `"${request}" is not a test that can be ordered here. Order a test from the catalog by name.`);
      }
      const revealedBy = kb.findings.filter((f) => f.tests.includes(testId)).map((f) => f.id);
      const reveal = (r: TestResult): Reveal => ({
        kind: "result",
        request,
        testId,
        testName: redact(testName),
        text: redact(r.text),
        values: r.values.map((v) => ({ ...v, name: redact(v.name), ...(typeof v.value === "string" ? { value: redact(v.value) } : {}) })),
        abnormal: r.abnormal,
        findings: uniqueLinks([...r.kb, ...(impliesAbsence(r) ? revealedBy.map((id) => ({ id, present: false })) : [])]),
      });
      if (result) return { reveal: reveal(result), synthetic: false, source: testId };
      return { reveal: reveal(derivedResult(testId, catalogTest?.normal_result ?? CASE_TEST_NORMAL_RESULT)), synthetic: true };
    },
  };
}

/**
 * What a case says of each knowledge-base finding, wherever it says it: the presentation, the
 * history and examination items, and the listed results (a normal result, or one whose author
 * coded it, also says its test's other findings are absent). Present wins over absent: a
 * finding shown once is there, whatever a quieter test missed.
 */
export function caseKnowledge(c: Case, kb: KnowledgeBase): ReadonlyMap<string, boolean> {
  const known = new Map<string, boolean>();
  const note = (l: FindingLink) => known.set(l.id, known.get(l.id) === true || l.present);
  [...c.presentation.kb, ...c.findings.flatMap((f) => f.kb)].forEach(note);
  for (const [testId, r] of Object.entries(c.tests)) {
    r.kb.forEach(note);
    if (impliesAbsence(r)) for (const f of kb.findings) if (f.tests.includes(testId)) note({ id: f.id, present: false });
  }
  return known;
}

/**
 * Whether a result's silence on a knowledge-base finding of its test means the finding is
 * absent: yes when the result is normal or its author linked findings; an abnormal result
 * with no links (an uncoded case) says nothing either way.
 */
export const impliesAbsence = (r: Pick<TestResult, "abnormal" | "kb">): boolean => !r.abnormal || r.kb.length > 0;
