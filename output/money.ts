/** Whole dollars with thousands separators: "$1,250". */
export const usd = (x: number): string => `$${Math.round(x).toLocaleString("en-US")}`;

/** Dollars and cents when there are cents: "$12.50", "$300". */
export const usdExact = (x: number): string =>
  Number.isInteger(Math.round(x * 100) / 100) ? usd(x) : `$${x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
