/**
 * The duplicate rule's normalisation (PRODUCT.md, "Duplicates"): trim, collapse spaces,
 * full-width to half-width, case-insensitive. NFKC folds full-width letters, digits and
 * punctuation (including the ideographic space) to their half-width forms.
 */
export function normaliseAccountName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Registration numbers compare without spaces or dashes, upper-case. */
export function normaliseRegistrationNo(value: string): string {
  return value.normalize("NFKC").replace(/[\s-]+/g, "").toUpperCase();
}
