import { HELDOUT } from "../../bench/plain-text.js";
import { describePlainTextCases } from "../support/plain-text-cases.js";

describePlainTextCases({
  label: "the held-out plain-text cases (test/fixtures/heldout)",
  dir: HELDOUT.dir,
  sourceName: "dxsim held-out fixtures",
  minCases: 32,
  minComplaints: 10,
});
