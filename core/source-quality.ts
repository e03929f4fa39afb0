import { isEstimate } from "./source.js";

/**
 * Whether a source string is a real citation or a marked estimate that says what it is, and
 * what is wrong with it otherwise. A citation names its authors or body and a year; an
 * estimate says what was estimated. "Clinical judgement", a bare "estimate" or a generic
 * phrase says neither.
 */
const BOILERPLATE = [/clinical judge?ment/i, /^estimate\s*[:.-]?\s*(ok|n\/?a|none|tbd|todo|unknown|guess|expert opinion|team judge?ment)?\s*$/i];
const GENERIC_CITATIONS = [/^(textbook|literature|various|standard|see references?|common knowledge|expert opinion|uptodate|wikipedia)\.?$/i];

/** Words an estimate must spend on saying what it is an estimate of. */
export const MIN_ESTIMATE_WORDS = 1;

/** Why this source is not acceptable, or undefined when it is. */
export function boilerplateReason(source: string): string | undefined {
  const s = source.trim();
  if (s.length === 0) return "an empty source";
  if (BOILERPLATE.some((re) => re.test(s))) return `boilerplate source "${s}": cite the paper or say what was estimated`;
  if (isEstimate(s)) {
    const words = s.replace(/^estimate\w*\s*[:,-]?/i, "").split(/\s+/).filter((w) => /\w{2,}/.test(w));
    return words.length < MIN_ESTIMATE_WORDS ? `estimate "${s}" does not say what was estimated` : undefined;
  }
  if (isGeneric(s)) return `generic source "${s}": name the authors or body, the year and the title or journal`;
  return isCitation(s) ? undefined : `source "${s}" is neither a citation (authors or body and a year) nor a marked estimate`;
}

/** A generic phrase, with or without a year: "textbook", "literature 2020", "UpToDate (2023)". */
const isGeneric = (source: string): boolean => {
  const bare = source.replace(/[(),;:.]/g, " ").replace(/\b(19|20)\d{2}\b/g, " ").trim().replace(/\s+/g, " ");
  return GENERIC_CITATIONS.some((re) => re.test(bare));
};

/**
 * A citation names its authors or body (a capitalised name) and a year (1900-2099), and is
 * neither an estimate nor a generic phrase with a year attached.
 */
export const isCitation = (source: string): boolean =>
  !isEstimate(source) && /\b(19|20)\d{2}\b/.test(source) && /\b[A-Z][A-Za-z\u00C0-\u024F'-]+/.test(source) && !isGeneric(source);
