import { z } from "zod";
import { readDataFile } from "../core/data-file.js";

/**
 * A workshop, as the instructor writes it: which cases the learners may open, under what
 * budget and mode, for how long, and whether the panel's proposals are shown to them.
 */
export const WorkshopSchema = z
  .object({
    name: z.string().min(1).max(200).default("dxsim workshop"),
    /** Case ids the picker offers; empty for every case the server has. */
    cases: z.array(z.string().min(1)).max(500).default([]),
    budget_usd: z.number().positive().optional(),
    /** play: the panel proposes and the learner approves or overrides; teach: the learner decides first. */
    mode: z.enum(["play", "teach"]).default("play"),
    time_limit_minutes: z.number().int().positive().max(24 * 60).optional(),
    /** Whether learners see the panel's debate, differential and proposal. */
    show_panel: z.boolean().default(true),
    /** What learners type to join; it may also come from DXSIM_JOIN_CODE. */
    join_code: z.string().min(4, "a join code of at least 4 characters").max(200).optional(),
  })
  .strict();
export type Workshop = z.infer<typeof WorkshopSchema>;

export const defaultWorkshop = (): Workshop => WorkshopSchema.parse({});

export const loadWorkshop = (file: string): Workshop => readDataFile(file, WorkshopSchema);
