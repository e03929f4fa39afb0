import { createContext, useContext } from "react";
import { type Theme, themeFor } from "../theme.js";

/** How the console draws: its colours, and whether it is the plain layout for screen readers. */
export interface Display {
  theme: Theme;
  /** No bars, no box drawing, every change announced as a line of text. */
  screenReader: boolean;
}

export const DisplayContext = createContext<Display>({ theme: themeFor({}), screenReader: false });

export const useDisplay = (): Display => useContext(DisplayContext);
