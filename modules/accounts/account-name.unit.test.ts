import { normaliseAccountName, normaliseRegistrationNo } from "./account-name";

/**
 * The duplicate rule's keys (modules/accounts/account-name.ts), without a gateway: what a reader
 * cannot tell apart gets one key; what a reader can tell apart keeps its own.
 * duplicate-lookalikes.test.ts checks the same rule through real requests and the migration.
 */

const key = normaliseAccountName;

describe("normaliseAccountName", () => {
  it("trims, collapses white space and folds case of plain ASCII, and changes nothing else in it", () => {
    expect(key("  Acme   Trading\tLtd \n")).toBe("acme trading ltd");
    expect(key("ACME-Trading (No. 2) & Sons")).toBe("acme-trading (no. 2) & sons");
    // The full skeleton would merge these; the rule keeps ASCII as typed.
    expect(key("Modern")).not.toBe(key("Modem"));
    expect(key("Dover")).not.toBe(key("Clover"));
    expect(key("O2")).not.toBe(key("02"));
  });

  it("folds full-width letters, digits, punctuation and the ideographic space to their half-width forms", () => {
    expect(key("ＡＣＭＥ\u3000Ｔｒａｄｉｎｇ\u3000２０２６")).toBe("acme trading 2026");
    expect(key("Ａｃｍｅ（Ｃｈｉｎａ）")).toBe("acme(china)");
  });

  it("drops invisible characters: zero-width space, joiners, soft hyphen, bidi controls, word joiner, BOM, variation selectors", () => {
    for (const invisible of ["\u200b", "\u200c", "\u200d", "\u00ad", "\u202e", "\u202c", "\u2066", "\u2060", "\ufeff", "\ufe0f", "\u034f"]) {
      expect({ invisible: invisible.codePointAt(0)!.toString(16), key: key(`Ac${invisible}me Trading`) }).toEqual({ invisible: invisible.codePointAt(0)!.toString(16), key: "acme trading" });
    }
    expect(key("\u202eAcme\u202c")).toBe("acme");
    // A name of nothing but them has an empty key (the service refuses it).
    expect(key("\u200b\u200d\u00ad")).toBe("");
  });

  it("folds look-alike letters of other scripts to the Latin letter they look like, in either case", () => {
    expect(key("Асме Тrading")).toBe("acme trading"); // Cyrillic А, с, м, е and Т
    expect(key("АВС")).toBe(key("abc"));
    expect(key("Ꭺcme")).toBe("acme"); // Cherokee Ꭺ
    expect(key("Москва")).toBe(key("MOCKBA"));
    // Compatibility characters become what they stand for; katakana ロ is the ideograph 口.
    expect(key("ﬁne")).toBe("fine");
    expect(key("Ⅻ")).toBe("xii");
    expect(key("ロ")).toBe("口");
  });

  it("keeps what a reader can tell apart: accents, Hangul syllables, ideographs, other scripts' own letters", () => {
    expect(key("Café")).not.toBe(key("Cafe"));
    expect(key("삼성전자")).toBe("삼성전자");
    expect(key("山西煤业集团")).toBe("山西煤业集团");
    // Ideographs the confusables table calls alike are different characters to a Chinese reader.
    expect(key("富士贸易")).not.toBe(key("富土贸易"));
    expect(key("一汽")).toBe("一汽");
    expect(key("杜鹃花业")).not.toBe(key("杜鹂花业"));
  });

  it("folds case in every script: Straße is STRASSE, a final sigma is a sigma", () => {
    expect(key("Straße")).toBe(key("STRASSE"));
    expect(key("ΟΔΟΣ")).toBe(key("οδος"));
    expect(key("οδος")).toBe(key("οδοσ"));
    expect(key("ООО МОСКВА")).toBe(key("ооо москва"));
  });

  it("gives every assigned code point a key that is its own key, the same in upper and lower case", () => {
    const failures: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (/\p{Cn}|\p{Co}|\p{Cs}/u.test(c)) continue; // unassigned, private use, lone surrogates
      const k = key(c);
      if (key(k) !== k || key(c.toUpperCase()) !== k || key(c.toLowerCase()) !== k) failures.push(cp.toString(16));
    }
    expect(failures).toEqual([]);
  });
});

describe("normaliseRegistrationNo", () => {
  it("drops spaces and every kind of dash, upper-cases, and folds like names", () => {
    expect(normaliseRegistrationNo("ab-12 34\u2014cd")).toBe("AB1234CD");
    expect(normaliseRegistrationNo("91 14\u201201\u2013000\u2212X")).toBe("911401000X");
    expect(normaliseRegistrationNo("９１\u3000１４")).toBe("9114");
    expect(normaliseRegistrationNo("АВ1234")).toBe("AB1234");
    expect(normaliseRegistrationNo("ab\u200b12")).toBe("AB12");
    expect(normaliseRegistrationNo("A\u00adB")).toBe("AB");
    expect(normaliseRegistrationNo("AB1234")).toBe("AB1234");
  });

  it("gives every assigned code point a number that is its own normal form", () => {
    const failures: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      const c = String.fromCodePoint(cp);
      if (/\p{Cn}|\p{Co}|\p{Cs}/u.test(c)) continue;
      const n = normaliseRegistrationNo(c);
      if (normaliseRegistrationNo(n) !== n) failures.push(cp.toString(16));
    }
    expect(failures).toEqual([]);
  });
});
