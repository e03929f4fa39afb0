/** The oldest Node with node:sqlite unflagged, which sessions need; package.json engines says the same. */
export const MIN_NODE = [22, 13] as const;

/** How to run dxsim with the Node that npm install put in its folder. */
const RUN_DXSIM = "in the dxsim folder run `npx dxsim ...` or `npm start -- ...`, which use the Node that npm install put there.";

/** A one-line refusal when `version` (as process.versions.node) is older than MIN_NODE, ending with how to run it instead; else undefined. */
export function nodeTooOld(version: string, howToRun: string = RUN_DXSIM): string | undefined {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  if (major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1])) return undefined;
  return `dxsim needs Node ${MIN_NODE.join(".")} or newer and this is Node ${version}; ${howToRun}`;
}
