import unhomoglyph from "unhomoglyph";

/**
 * The duplicate rule's normalisation (PRODUCT.md, "Duplicates"): trim, collapse spaces, full-width
 * to half-width, case-insensitive, and blind to what a reader cannot see (issue 8): invisible
 * characters do not count, and a letter that only looks like another counts as that one.
 *
 * - NFKC folds full-width letters, digits and punctuation (including the ideographic space) to their
 *   half-width forms, ligatures and other compatibility characters to what they stand for.
 * - Format characters (Cf: zero-width space, joiner and non-joiner, soft hyphen, bidi controls such
 *   as the right-to-left override, word joiner, BOM) and the other default-ignorable code points
 *   (variation selectors, Hangul fillers, the combining grapheme joiner) are dropped.
 * - Case is folded (lower(upper(lower(s))): "Straße" = "STRASSE", final sigma = sigma).
 * - Confusables are folded with Unicode's UTS #39 table (confusables.txt, through the unhomoglyph
 *   package): each non-ASCII character becomes its prototype, so a Cyrillic "а", a Greek "Ο" or a
 *   Cherokee "Ꭺ" in a Latin name is that Latin letter, katakana "ロ" is the ideograph "口". ASCII
 *   itself is left alone, as the full skeleton would make "Modern" a duplicate of "Modem" (m = rn),
 *   "Dover" of "Clover" (d = cl) and "O2" of "02". The lower-case form's prototype is used when it is
 *   ASCII, else the upper-case form's (Cyrillic "т" and "Т" are both "t"), so the key stays
 *   case-insensitive in every script; the price is that Greek capital Ν and Υ count as "v" and "u",
 *   like their lower-case forms. Precomposed Hangul syllables are kept whole (the table would break
 *   them into jamo), accented letters keep their accents ("Café" is not "Cafe"), and ideographs are
 *   never folded: the table maps some distinct ideographs onto others (士 to 土, so 富士 would be
 *   富土; 一 to the katakana ー), which in a Chinese CRM would refuse real customers as duplicates.
 *
 * The key is what the database compares (unique index on accounts.nameKey, binary on MySQL), so it is
 * deterministic and idempotent: `fold` runs until nothing changes (twice for nearly every input; the
 * test checks every code point converges and that the key of a key is itself).
 */
export function normaliseAccountName(name: string): string {
  if (PLAIN_ASCII.test(name)) return name.toLowerCase().replace(/\s+/g, " ").trim();
  return fold(name).replace(/\s+/g, " ").trim();
}

/**
 * Registration numbers compare without spaces or dashes (any Unicode dash), upper-case, with the
 * same folding as names: a full-width, zero-width or Cyrillic spelling of a number is that number.
 * Numbers already in [0-9A-Z] are left as they are.
 */
export function normaliseRegistrationNo(value: string): string {
  return fold(value.replace(SEPARATORS, "")).toUpperCase().replace(SEPARATORS, "").normalize("NFC");
}

/** Printable ASCII and ASCII whitespace: NFKC, the invisible characters and the confusables table leave it alone. */
const PLAIN_ASCII = /^[\t\n\v\f\r\x20-\x7e]*$/;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
const SEPARATORS = /[\s\p{Pd}]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
const HANGUL_SYLLABLE = /^[\uac00-\ud7a3]$/;
/** Chinese characters: distinct ideographs the table calls alike (士 and 土, 鹃 and 鹂) are different names to a Chinese reader. */
const IDEOGRAPH = /^\p{Script=Han}$/u;

/** UTS #39's skeleton of a string: NFD, each character to its prototype, NFD again. */
const skeleton = (s: string) => unhomoglyph(s.normalize("NFD")).normalize("NFD");

function fold(text: string): string {
  for (let round = 0; round < 8; round++) {
    const next = foldOnce(text);
    if (next === text) return text;
    text = next;
  }
  return text;
}

function foldOnce(text: string): string {
  const caseless = text.normalize("NFKC").replace(INVISIBLE, "").toLowerCase().toUpperCase().toLowerCase();
  let out = "";
  for (const c of caseless) out += c < "\x80" ? c : foldChar(c);
  return out.normalize("NFC").replace(INVISIBLE, "");
}

/** One non-ASCII character (already lower case) to what it looks like, lower case. Cached: names repeat their characters. */
function foldChar(c: string): string {
  let out = folded.get(c);
  if (out !== undefined) return out;
  if (HANGUL_SYLLABLE.test(c) || IDEOGRAPH.test(c)) out = c;
  else {
    const lower = skeleton(c);
    if (ASCII.test(lower)) out = lower;
    else {
      const upper = skeleton(c.toUpperCase());
      out = ASCII.test(upper) ? upper : lower;
    }
    out = out.toLowerCase();
  }
  if (folded.size >= 50_000) folded.clear();
  folded.set(c, out);
  return out;
}

const folded = new Map<string, string>();
