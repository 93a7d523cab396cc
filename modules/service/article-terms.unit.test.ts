import { stem, termsOf, weightedTerms } from "./article-terms";

describe("knowledge-base terms", () => {
  it("cuts Chinese into bigrams (and single characters for the index), English into stemmed lower-case words", () => {
    expect([...termsOf("煤炭发票").keys()]).toEqual(["煤", "炭", "发", "票", "煤炭", "炭发", "发票"]);
    expect([...termsOf("煤炭 发票", true).keys()]).toEqual(["煤炭", "发票"]);
    expect([...termsOf("煤", true).keys()]).toEqual(["煤"]);
    expect([...termsOf("How to issue Coal Invoices", true).keys()]).toEqual(["how", "issue", "coal", "invoice"]);
    expect([...termsOf("ＶＡＴ发票 2026", true).keys()]).toEqual(["vat", "发票", "2026"]);
    expect(stem("batteries")).toBe("battery");
    expect(stem("process")).toBe("process");
  });

  it("weighs a term by its frequency, the title's three times", () => {
    const weights = weightedTerms("Coal invoices", "invoice for coal freight", []);
    expect(weights.get("coal")).toBe(Math.round(100 * (1 + Math.log(4))));
    expect(weights.get("freight")).toBe(100);
  });
});
