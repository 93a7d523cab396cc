import type { DocumentNode } from "graphql";

/** Longest operation text kept; a longer one is parsed and validated for its own subscription only. */
const MAX_CACHED_TEXT = 16 * 1024;
/** All texts kept, in characters (their documents take a few times as much). */
const MAX_CACHED_TOTAL = 2 * 1024 * 1024;

/**
 * Parsed and validated documents by operation text, bounded by size rather than count: keyed by the
 * full text, a count bound let one socket pin hundreds of megabytes with a few huge operation names.
 * Oldest first out.
 */
export class DocumentCache {
  private readonly documents = new Map<string, DocumentNode>();
  private total = 0;

  get(text: string): DocumentNode | undefined {
    return this.documents.get(text);
  }

  set(text: string, document: DocumentNode): void {
    if (text.length > MAX_CACHED_TEXT || this.documents.has(text)) return;
    while (this.total + text.length > MAX_CACHED_TOTAL) {
      const oldest = this.documents.keys().next().value!;
      this.documents.delete(oldest);
      this.total -= oldest.length;
    }
    this.documents.set(text, document);
    this.total += text.length;
  }

  /** Characters of operation text held. */
  get size(): number {
    return this.total;
  }
}
