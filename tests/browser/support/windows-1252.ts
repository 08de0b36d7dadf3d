/** The characters of Windows-1252's 0x80–0x9F block that French files use; the rest is Latin-1. */
const SPECIAL: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '’': 0x92,
  œ: 0x9c,
  Œ: 0x8c,
  Ÿ: 0x9f,
  '«': 0xab,
  '»': 0xbb,
};

/** Encodes text as a spreadsheet on Windows saves it. Throws on a character the code page lacks. */
export function encodeWindows1252(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const special = SPECIAL[ch];
    const code = ch.codePointAt(0)!;
    if (special !== undefined) bytes.push(special);
    else if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else throw new Error(`not in Windows-1252: ${ch}`);
  }
  return Buffer.from(bytes);
}
