import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";

/**
 * The CJK font of quote documents: Noto Sans SC (SIL OFL), its simplified-Chinese subset as shipped
 * by @fontsource/noto-sans-sc (GB2312's characters, Latin letters and digits). The package ships
 * WOFF; fontkit (under pdfkit) reads WOFF, but inflates its tables again for every glyph it lays out
 * and subsets (10 s for one page), so the font is unpacked to plain OpenType once, here (35 ms).
 */
const FONT_FILE = "@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff";

let font: Buffer | null = null;

export function cjkFont(): Buffer {
  return (font ??= woffToOpenType(readFileSync(require.resolve(FONT_FILE))));
}

/** WOFF 1.0 (W3C) to the sfnt it wraps: the same tables, each inflated when compressed, 4-byte aligned. */
export function woffToOpenType(woff: Buffer): Buffer {
  if (woff.toString("latin1", 0, 4) !== "wOFF") throw new Error("not a WOFF font");
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  let power = 1;
  let log = 0;
  while (power * 2 <= count) {
    power *= 2;
    log++;
  }
  const header = Buffer.alloc(12 + 16 * count);
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(log, 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    const [tag, at, compressed, original, checksum] = [0, 4, 8, 12, 16].map((o) => woff.readUInt32BE(entry + o));
    const stored = woff.subarray(at, at + compressed);
    const data = compressed < original ? inflateSync(stored) : stored;
    const record = 12 + 16 * i;
    header.writeUInt32BE(tag, record);
    header.writeUInt32BE(checksum, record + 4);
    header.writeUInt32BE(offset, record + 8);
    header.writeUInt32BE(original, record + 12);
    const padding = Buffer.alloc((4 - (data.length % 4)) % 4);
    parts.push(data, padding);
    offset += data.length + padding.length;
  }
  return Buffer.concat(parts);
}
