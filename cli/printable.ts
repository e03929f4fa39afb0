/** Control characters (C0 but tab, DEL, C1): none from a file or an argument may reach a terminal. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Text safe to print: control characters, escape sequences' lead-ins included, become U+FFFD. */
export const printable = (text: string): string => text.replace(CONTROL, "\uFFFD");

/** JSON safe to print: as JSON.stringify, with C1 controls escaped too (JSON.stringify leaves them raw). */
export const printableJson = (value: unknown): string => JSON.stringify(value).replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
