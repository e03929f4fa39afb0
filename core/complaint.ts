import { z } from "zod";

/** Presenting-complaint categories: safe to show the panel and to filter cases on. */
export const ComplaintSchema = z.enum([
  "chest_pain",
  "dyspnoea",
  "fever",
  "abdominal_pain",
  "headache",
  "syncope",
  "focal_weakness",
  "joint_pain",
  "rash",
  "cough",
  "fatigue",
  "altered_mental_status",
  "back_pain",
  "other",
]);
export type Complaint = z.infer<typeof ComplaintSchema>;

export const complaintLabel = (c: Complaint): string => c.replaceAll("_", " ");

const JOINTS = "(?:knee|hip|shoulder|wrist|ankle|elbow|finger|thumb|toe|joint)s?";
/**
 * How far apart, in characters, a body part and its complaint may stand in one phrase. Bounded,
 * so that a search stays linear in the text: an unbounded gap makes every body-part word scan
 * to the end of a hostile chief complaint.
 */
const NEAR = 60;

/**
 * Keyword rules for the complaint category of a chief complaint, as a triage nurse files it: the
 * body part or system the patient complains of. A chief complaint naming several ("fatigue,
 * abdominal pain") is filed under the one it names first; on a tie, the earlier rule wins.
 */
export const COMPLAINT_RULES: readonly [RegExp, Complaint][] = [
  [/chest pain/, "chest_pain"],
  [/dyspn|short(ness)? of breath|breathless|difficulty breathing|respiratory distress|rapid breathing|stridor|wheez/, "dyspnoea"],
  [/fever|febrile/, "fever"],
  [/abdominal (pain|cramp|discomfort|distension|swelling)|stomach (pain|ache)|belly pain|epigastric pain|tummy|vomiting|diarrh|flank pain|bladder|pelvic pain/, "abdominal_pain"],
  [/headache/, "headache"],
  [/syncope|loss of consciousness|faint|passed out/, "syncope"],
  [new RegExp(`weakness|\\b(arms?|legs?|hands?|feet|foot|face|side)\\b[^,;.]{0,${NEAR}}\\bweak\\b|double vision|diplopia|difficulty walking|gait|numbness|tingl`), "focal_weakness"],
  [new RegExp(`joint pain|arthralgia|${JOINTS}[^,;]{0,${NEAR}}\\b(pain|swelling|swollen)|(pain|swelling|swollen)[^,;]{0,${NEAR}}\\b${JOINTS}\\b`), "joint_pain"],
  [/rash|skin lesion|lesions? on|papules?|plaques?|blisters?|itch|ulcer/, "rash"],
  [/cough/, "cough"],
  [/fatigue|tiredness/, "fatigue"],
  [/confusion|confused|altered mental|mental status|disorient|agitat|seizure|behaviou?r/, "altered_mental_status"],
  [/back pain/, "back_pain"],
];

export const complaintOf = (chiefComplaint: string): Complaint => {
  const text = chiefComplaint.toLowerCase();
  let first: { at: number; complaint: Complaint } | undefined;
  for (const [pattern, complaint] of COMPLAINT_RULES) {
    const at = text.search(pattern);
    if (at >= 0 && (!first || at < first.at)) first = { at, complaint };
  }
  return first?.complaint ?? "other";
};

/**
 * The category the panel works a case up under: the one the case is filed under, or, for a case
 * filed under "other", the one its chief complaint names, as a triage nurse would file it (a case
 * writer may file "pain in my testicle and tummy" under other; the panel reads the words).
 */
export const triagedComplaint = (filed: Complaint, chiefComplaint: string): Complaint => (filed === "other" ? complaintOf(chiefComplaint) : filed);

/** Where the patient is seen; knowledge-base priors are given per setting. */
export const SettingSchema = z.enum(["emergency", "clinic"]);
export type Setting = z.infer<typeof SettingSchema>;
