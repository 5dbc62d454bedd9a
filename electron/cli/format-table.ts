/** Plain-text tables for the terminal: columns padded to their widest cell (by code points), long cells cut. */
export function formatTable(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>, maxWidth = 40): string {
  const cut = (cell: string) => {
    const flat = cell.replace(/\s+/g, ' ');
    const chars = [...flat];
    return chars.length > maxWidth ? `${chars.slice(0, maxWidth - 1).join('')}…` : flat;
  };
  const cells = [headers, ...rows].map((row) => row.map(cut));
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? '')].length)));
  return cells
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
