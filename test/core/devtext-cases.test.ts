import { DEVTEXT } from "../../bench/plain-text.js";
import { describePlainTextCases } from "../support/plain-text-cases.js";

describePlainTextCases({
  label: "the development plain-text cases (test/fixtures/devtext)",
  dir: DEVTEXT.dir,
  sourceName: "dxsim development fixtures",
  minCases: 40,
  minComplaints: 12,
});
