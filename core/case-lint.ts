import type { Case } from "./case.js";
import type { CaseFlaw, FieldPath } from "./case-problem.js";
import { complaintLabel } from "./complaint.js";
import { foldText } from "./text-match.js";

/** Folded text padded with one space each side, so that whole words can be searched with `includes`. */
const padded = (text: string): string => ` ${foldText(text)} `;

/** A bracketed part of a name; "(" excluded inside, so that a run of "(" is scanned once, not once each. */
const BRACKETED = /\(([^()]*)\)/g;

/** Every way a name may appear: itself, without its bracketed part, and the bracketed part ("PML"). */
const nameForms = (name: string): string[] => {
  const bracketed = [...name.matchAll(BRACKETED)].map((m) => m[1] ?? "");
  return [name, name.replace(BRACKETED, " "), ...bracketed];
};

/** The diagnosis's names as normalised phrases (each padded with spaces), longest first. */
export const diagnosisPhrases = (names: readonly string[]): string[] =>
  [...new Set(names.flatMap(nameForms).map(padded))]
    .filter((phrase) => phrase.trim().length >= 2)
    .sort((a, b) => b.length - a.length);

/** The first diagnosis phrase the text holds as whole words, if any. */
export const namedIn = (text: string, phrases: readonly string[]): string | undefined => {
  const haystack = padded(text);
  return phrases.find((phrase) => haystack.includes(phrase))?.trim();
};

/**
 * A case must not give its answer away where the panel looks first: the presentation, the
 * complaint, the title or the id is an error. Findings the gatekeeper reveals on request may
 * name it (a patient may know a past diagnosis), so there it is only a warning to look at.
 * `otherNames` adds names from elsewhere, e.g. the knowledge-base disease's synonyms.
 */
export function answerLeaks(c: Case, otherNames: readonly string[] = []): CaseFlaw[] {
  const phrases = diagnosisPhrases([c.diagnosis.name, ...c.diagnosis.synonyms, ...otherNames]);
  const places: { path: FieldPath; text: string; severity: CaseFlaw["severity"] }[] = [
    { path: ["id"], text: c.id, severity: "error" },
    { path: ["title"], text: c.title, severity: "error" },
    { path: ["complaint"], text: complaintLabel(c.complaint), severity: "error" },
    { path: ["presentation", "chief_complaint"], text: c.presentation.chief_complaint, severity: "error" },
    { path: ["presentation", "narrative"], text: c.presentation.narrative, severity: "error" },
    ...c.findings.flatMap((f, i) => [
      { path: ["findings", i, "topic"], text: f.topic, severity: "warning" as const },
      { path: ["findings", i, "text"], text: f.text, severity: "warning" as const },
    ]),
  ];
  return places.flatMap(({ path, text, severity }) => {
    const named = namedIn(text, phrases);
    return named === undefined
      ? []
      : [{ path, severity, kind: "answer-leak" as const, message: `names the diagnosis ("${named}")` }];
  });
}

const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?";

/**
 * Patterns of personal data a de-identified case must not carry; the label names what was seen.
 * Case text is untrusted and may be megabytes long, so every pattern runs in linear time: no
 * two quantifiers may compete for the same characters (a test checks each with recheck).
 */
const IDENTIFIERS: readonly { label: string; pattern: RegExp }[] = [
  { label: "a person's name with a title", pattern: /\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+[A-Z][a-z'’-]+(?:\s+[A-Z][a-z'’-]+)?/ },
  { label: "a date of birth", pattern: /\b(?:DOB|D\.O\.B\.?|date of birth)\b/i },
  {
    label: "a full date",
    pattern: new RegExp(
      [
        // The same separator twice, and not part of a decimal: "(4.0-11.0)" is a reference range.
        "(?<![\\d.])\\b\\d{1,2}(?<sep>[/.-])\\d{1,2}\\k<sep>(?:\\d{4}|\\d{2})\\b(?!\\.\\d)",
        "\\b\\d{4}-\\d{2}-\\d{2}\\b",
        `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH},?\\s+\\d{4}\\b`,
        `\\b${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}\\b`,
      ].join("|"),
    ),
  },
  { label: "a phone number", pattern: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{3}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b/ },
  // Starts only where a run of address characters starts: otherwise each of a long run's characters would start a scan to its end.
  { label: "an e-mail address", pattern: /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/ },
  {
    label: "a medical record number",
    pattern: /\b(?:MRN|medical record(?: number| no\.?)?|hospital number|patient id)\s*(?:[:#]\s*)?[A-Z]{0,3}\d{4,}\b/i,
  },
  {
    label: "a street address",
    pattern: /\b\d{1,5}\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Lane|Ln|Drive|Boulevard|Blvd|Court|Ct|Way|Place|Terrace|Close|Crescent)\b/,
  },
];

/** Every pattern the lints run over case text, for the test that proves each one linear. */
export const LINT_PATTERNS: readonly RegExp[] = [BRACKETED, ...IDENTIFIERS.map((i) => i.pattern)];

/** Up to `max` matches: a warning quotes a few examples, and a huge text is not scanned for all. */
function firstMatches(text: string, pattern: RegExp, max: number): string[] {
  const global = new RegExp(pattern, `${pattern.flags}g`);
  const found: string[] = [];
  for (let m = global.exec(text); m && found.length < max; m = global.exec(text)) {
    found.push(m[0]);
    if (m[0] === "") global.lastIndex++;
  }
  return found;
}

/** Every string in a value, with its field path. */
function* stringsIn(value: unknown, path: FieldPath): Generator<[FieldPath, string]> {
  if (typeof value === "string") yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsIn(v, [...path, i]);
  else if (value !== null && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* stringsIn(v, [...path, k]);
}

/**
 * Warns about anything in a case's texts that looks like personal data: teaching cases are
 * written from real patients, and these are the identifiers most often left in by mistake.
 * The source block is skipped (it cites authors, not patients).
 */
export function identifierFlaws(c: Case): CaseFlaw[] {
  const { source: _source, id: _id, ...rest } = c;
  const flaws: CaseFlaw[] = [];
  for (const [path, text] of stringsIn(rest, [])) {
    for (const { label, pattern } of IDENTIFIERS) {
      const seen = firstMatches(text, pattern, 3).map((m) => `"${m.trim()}"`);
      if (seen.length > 0)
        flaws.push({ path, severity: "warning", kind: "identifier", message: `looks like ${label} (${seen.join(", ")}); cases must be de-identified` });
    }
  }
  return flaws;
}
