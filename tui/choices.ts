import { OTHER_DIAGNOSIS } from "../core/knowledge.js";
import type { DiagnosisGuess } from "../core/action.js";
import { type Knowledge, orderedTestIds } from "../agents/view.js";
import { panelView, type SessionValues } from "../graph/state.js";
import { searchCatalog } from "./catalog-search.js";
import { differentialRows } from "./differential-change.js";
import type { ExpectedGains } from "./expected-gain.js";
import { bits, percent } from "./format.js";
import { usdExact } from "../output/money.js";

/** One row of an incremental search: what it stands for, and how it reads. */
export interface SearchOption {
  key: string;
  label: string;
  /** Shown after the label, dimmed: a price and expected gain, a probability. */
  detail?: string;
}

const FREE = "free:";

/** A search option for text used as typed. */
export const asTypedOption = (text: string, verb: string): SearchOption => ({ key: `${FREE}${text}`, label: `${verb} as written: “${text}”` });

/** The text of an option: a catalog id, a diagnosis, or what was typed. */
export const optionValue = (option: SearchOption): { typed: boolean; value: string } =>
  option.key.startsWith(FREE) ? { typed: true, value: option.key.slice(FREE.length) } : { typed: false, value: option.key };

/**
 * Catalog tests matching a query, each with its price and the engine's expected gain; without
 * gains (learner mode, before the learner decides) the engine's hint is left out.
 */
export function testChoices(knowledge: Knowledge, values: SessionValues, gains: ExpectedGains | null): (query: string) => SearchOption[] {
  const ordered = orderedTestIds(panelView(values));
  const hint = (id: string): string[] => (ordered.has(id) ? ["already resulted"] : gains ? [bits(gains.tests.get(id) ?? 0)] : []);
  return (query) =>
    searchCatalog(knowledge.catalog, query, 40).map((t) => ({
      key: t.id,
      label: t.name,
      detail: [usdExact(t.price_usd), ...hint(t.id)].join(" · "),
    }));
}

/** Diagnoses to pick from: this round's differential first, then knowledge-base diseases by name. */
export function diagnosisChoices(knowledge: Knowledge, values: SessionValues): (query: string) => SearchOption[] {
  const rows = differentialRows(values).filter((r) => r.id !== OTHER_DIAGNOSIS);
  return (query) => {
    const q = query.trim().toLowerCase();
    const fromDifferential = rows
      .filter((r) => q === "" || r.name.toLowerCase().includes(q))
      .map((r) => ({ key: r.id, label: r.name, detail: `${percent(r.p)} in the differential` }));
    const listed = new Set(fromDifferential.map((o) => o.key));
    const fromKb =
      q.length < 2
        ? []
        : knowledge.kb.diseases
            .filter((d) => !listed.has(d.id) && [d.name, ...d.synonyms].some((n) => n.toLowerCase().includes(q)))
            .map((d) => ({ key: d.id, label: d.name, detail: d.icd10 }));
    return [...fromDifferential, ...fromKb];
  };
}

/** The guess a chosen diagnosis option stands for, with its knowledge-base ids when it has them. */
export function diagnosisGuess(option: SearchOption, knowledge: Knowledge): DiagnosisGuess {
  const { typed, value } = optionValue(option);
  if (typed) return { name: value };
  const disease = knowledge.kb.diseaseById.get(value);
  return disease ? { name: disease.name, kbId: disease.id, icd10: disease.icd10 } : { name: option.label };
}
