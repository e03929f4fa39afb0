/**
 * Tests that look at the same structure by different means: a CT and an MRI of the brain, a
 * chest film and a chest CT, a transthoracic and a transoesophageal echo, an ECG and a Holter.
 * When a case lists an abnormal result for one of them and the panel orders another the case
 * does not list, the derived result agrees with the one the case gives (core/gatekeeper.ts)
 * rather than reading the structure as normal. Groups are narrow on purpose: a CT of the
 * abdomen sees the appendix, a right-upper-quadrant ultrasound does not, so they share none.
 */
const SAME_STRUCTURE: readonly (readonly string[])[] = [
  ["ct_head", "mri_brain", "cta_head_neck"],
  ["cxr", "ct_chest", "ct_chest_abdomen_pelvis"],
  ["ctpa", "cta_chest", "vq_scan"],
  ["cta_chest", "ct_chest", "echo_tee"],
  ["ct_abdomen_pelvis", "ct_chest_abdomen_pelvis", "ct_kub"],
  ["us_ruq", "us_abdomen"],
  ["us_pelvis", "us_transvaginal"],
  ["us_renal", "ct_kub"],
  ["xray_lumbar_spine", "mri_lumbar_spine"],
  ["echo_tte", "echo_tee"],
  ["ecg", "holter"],
  ["xray_joint", "mri_knee", "us_joint"],
];

/** The tests that image what `testId` images, itself excluded, nearest group first. */
export const sameStructureTests = (testId: string): string[] => [
  ...new Set(SAME_STRUCTURE.filter((group) => group.includes(testId)).flatMap((group) => group.filter((id) => id !== testId))),
];
