/**
 * The terms of a text, for the knowledge-base index and for queries alike (modules/service/README.md):
 * lower-case English words (letters and digits, a plural's "s" taken off, so "invoices" meets
 * "invoice"), and for Chinese text every pair of neighbouring characters (bigrams: "煤炭发票" is
 * 煤炭, 炭发, 发票). A text's single Chinese characters are indexed too, so that a one-character query
 * finds them; a query of longer Chinese runs asks for their bigrams only.
 */

const HAN = /\p{Script=Han}/u;
const PIECES = /\p{Script=Han}+|(?:(?!\p{Script=Han})[\p{L}\p{N}])+/gu;
/** the key column holds 32 characters */
const MAX_TERM = 32;
const STOP = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "is", "it", "of", "on", "or", "the", "to", "with"]);

/** A word as indexed: "invoices" → "invoice", "batteries" → "battery"; short words and -ss, -us, -is stay. */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  if (word.endsWith("ies") && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith("s") && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Each term of `text` with how often it occurs; `forQuery` asks for bigrams only where a Chinese run has two characters or more. */
export function termsOf(text: string, forQuery = false): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (term: string) => counts.set(term, (counts.get(term) ?? 0) + 1);
  for (const [piece] of text.normalize("NFKC").toLowerCase().matchAll(PIECES)) {
    if (HAN.test(piece[0])) {
      const chars = [...piece];
      if (chars.length === 1 || !forQuery) for (const c of chars) add(c);
      for (let i = 0; i + 1 < chars.length; i++) add(chars[i] + chars[i + 1]);
    } else if (!STOP.has(piece)) {
      add(stem([...piece].slice(0, MAX_TERM).join("")));
    }
  }
  return counts;
}

/** An article's terms with their weights: round(100 × (1 + ln tf)), the title's occurrences counted three times. */
export function weightedTerms(title: string, body: string, tags: string[]): Map<string, number> {
  const tf = new Map<string, number>();
  const add = (terms: Map<string, number>, times: number) => {
    for (const [term, n] of terms) tf.set(term, (tf.get(term) ?? 0) + n * times);
  };
  add(termsOf(title), 3);
  add(termsOf(tags.join(" ")), 2);
  add(termsOf(body), 1);
  return new Map([...tf].map(([term, n]) => [term, Math.round(100 * (1 + Math.log(n)))]));
}
