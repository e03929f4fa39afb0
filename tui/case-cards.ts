import type { Case } from "../core/case.js";
import { type Complaint, complaintLabel } from "../core/complaint.js";

/**
 * What the picker shows of a case: nothing that could give the diagnosis away, so no title and
 * no specialty, only what the patient walks in with.
 */
export interface CaseCard {
  id: string;
  complaint: Complaint;
  difficulty: Case["difficulty"];
  age: number;
  sex: Case["presentation"]["sex"];
  setting: Case["presentation"]["setting"];
  chiefComplaint: string;
}

export const caseCard = (c: Case): CaseCard => ({
  id: c.id,
  complaint: c.complaint,
  difficulty: c.difficulty,
  age: c.presentation.age,
  sex: c.presentation.sex,
  setting: c.presentation.setting,
  chiefComplaint: c.presentation.chief_complaint,
});

export const DIFFICULTIES: readonly Case["difficulty"][] = ["easy", "moderate", "hard"];

export interface CaseFilter {
  complaint: Complaint | null;
  difficulty: Case["difficulty"] | null;
  search: string;
}

export const NO_FILTER: CaseFilter = { complaint: null, difficulty: null, search: "" };

/** "61 M, emergency" */
export const patientLine = (card: Pick<CaseCard, "age" | "sex" | "setting">): string =>
  `${card.age} ${card.sex === "female" ? "F" : "M"}, ${card.setting}`;

/** The text a search is matched against: only what the card shows. */
const searchable = (card: CaseCard): string =>
  [card.id, complaintLabel(card.complaint), card.difficulty, card.chiefComplaint, card.setting, card.sex, String(card.age)]
    .join(" ")
    .toLowerCase();

/** The cards the filter keeps; every word of the search must appear. */
export function filterCards(cards: readonly CaseCard[], filter: CaseFilter): CaseCard[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return cards.filter(
    (card) =>
      (filter.complaint === null || card.complaint === filter.complaint) &&
      (filter.difficulty === null || card.difficulty === filter.difficulty) &&
      words.every((w) => searchable(card).includes(w)),
  );
}

/** The complaints present among the cards, in a stable order, for the filter to cycle through. */
export const complaintsOf = (cards: readonly CaseCard[]): Complaint[] => [...new Set(cards.map((c) => c.complaint))].sort();

/** The next value of a cycling filter: null (all), then each option, then back to null. */
export function cycle<T>(options: readonly T[], current: T | null, step: 1 | -1): T | null {
  const all: (T | null)[] = [null, ...options];
  const at = all.indexOf(current);
  return all[(at + step + all.length) % all.length] ?? null;
}
