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

/** Where the patient is seen; knowledge-base priors are given per setting. */
export const SettingSchema = z.enum(["emergency", "clinic"]);
export type Setting = z.infer<typeof SettingSchema>;
