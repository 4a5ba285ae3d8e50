/**
 * CSV for spreadsheets: RFC 4180 quoting, CRLF lines, a UTF-8 byte order mark (so Excel reads
 * names with accents right). A cell starting with = + - @ or a tab/CR is prefixed with ' so a
 * spreadsheet never runs it as a formula (CSV injection).
 */
export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): Buffer {
  const cell = (value: string | number | boolean | null | undefined) => {
    if (value === null || value === undefined) return "";
    let text = String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header, ...rows].map((row) => row.map(cell).join(","));
  return Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
}

/** `attachment; filename="<name>"` for a generated file name (ASCII letters, digits, - . _ only). */
export function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, "-")}"`;
}
