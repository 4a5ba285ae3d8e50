/**
 * The line each value of a JSON text starts on, by path ("programme.registrationForm.2.label";
 * "" is the whole document), so a problem found after parsing can name its line. A small
 * recursive-descent reader for text JSON.parse has already accepted.
 */
export function jsonLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let index = 0;
  let line = 1;
  const skip = () => {
    while (index < text.length && /\s/.test(text[index])) {
      if (text[index] === "\n") line++;
      index++;
    }
  };
  const readString = (): string => {
    let out = "";
    index++; // opening quote
    while (index < text.length && text[index] !== '"') {
      if (text[index] === "\\") {
        out += text.slice(index, index + 2);
        index += 2;
      } else out += text[index++];
    }
    index++;
    return JSON.parse(`"${out}"`) as string;
  };
  const value = (path: string): void => {
    skip();
    lines.set(path, line);
    const char = text[index];
    const child = (key: string) => (path === "" ? key : `${path}.${key}`);
    if (char === "{") {
      index++;
      skip();
      while (text[index] !== "}" && index < text.length) {
        skip();
        const key = readString();
        skip();
        index++; // colon
        value(child(key));
        skip();
        if (text[index] === ",") index++;
        skip();
      }
      index++;
    } else if (char === "[") {
      index++;
      skip();
      let position = 0;
      while (text[index] !== "]" && index < text.length) {
        value(child(String(position++)));
        skip();
        if (text[index] === ",") index++;
        skip();
      }
      index++;
    } else if (char === '"') {
      readString();
    } else {
      while (index < text.length && !/[\s,\]}]/.test(text[index])) index++;
    }
  };
  value("");
  return lines;
}

/** The line of a path, or of its nearest ancestor present in the text (a missing key: its object). */
export function lineOf(lines: Map<string, number>, path: (string | number)[]): number {
  for (let length = path.length; length >= 0; length--) {
    const found = lines.get(path.slice(0, length).join("."));
    if (found !== undefined) return found;
  }
  return 1;
}

/** Line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
