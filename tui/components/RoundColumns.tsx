import type { ReactNode } from "react";
import { Box } from "ink";
import type { SessionLayout } from "../layout.js";

export interface RoundColumnsProps {
  layout: SessionLayout;
  /** Findings and the debate. */
  left: ReactNode;
  /** The differential and the proposal. */
  right: ReactNode;
}

/** A column's width in a layout: half the screen less the gap when there are two. */
export const columnWidth = (layout: Pick<SessionLayout, "width" | "twoColumns">): number => (layout.twoColumns ? Math.floor((layout.width - 2) / 2) : layout.width);

/** The live round: side by side on a wide terminal, one above the other on a narrow one. */
export function RoundColumns({ layout, left, right }: RoundColumnsProps) {
  if (!layout.twoColumns) {
    return (
      <Box flexDirection="column" width={layout.width}>
        {left}
        {right}
      </Box>
    );
  }
  const width = columnWidth(layout);
  return (
    <Box width={layout.width}>
      <Box flexDirection="column" width={width} marginRight={2}>
        {left}
      </Box>
      <Box flexDirection="column" width={width}>
        {right}
      </Box>
    </Box>
  );
}
