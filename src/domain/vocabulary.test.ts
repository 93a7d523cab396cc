import { GraphQLError } from "graphql";
import { validate } from "class-validator";
import { calendarDate, isCalendarDate, todayUtc } from "./calendar-date";
import { oneOf } from "./choice";
import { emailAddress, isEmailAddress, isPhoneNumber, phoneNumber } from "./contact-point";
import { IntegerBetween, IsCalendarDate, IsEmailAddress, IsHttpUrl, IsPhoneNumber, MaxItems, TextLength } from "./input-rules";
import { integerBetween } from "./integer";
import { httpUrl, isHttpUrl } from "./link";
import { decimal, decimalText, money } from "./money";
import { problem, shown } from "./problems";
import { charCount, cleanText, optionalText, requiredText } from "./text";

/** The validation vocabulary by itself, without a gateway: what each rule accepts, and how it refuses. */

/** The refusal `work` throws: BAD_USER_INPUT, its field, and its message. */
function refusal(work: () => unknown): { code: unknown; field: unknown; message: string } {
  try {
    work();
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    return { code: error.extensions.code, field: error.extensions.field, message: error.message };
  }
  throw new Error("expected a refusal");
}

const refused = (field: string, words: string) => ({ code: "BAD_USER_INPUT", field, message: `${field}: ${words}` });

describe("calendar dates", () => {
  it("accept days that exist as YYYY-MM-DD, leap days in leap years only", () => {
    for (const day of ["2027-02-28", "2028-02-29", "2000-02-29", "2027-12-31", "2027-01-01", "1980-02-29"]) expect(calendarDate(day, "d")).toBe(day);
    for (const day of ["2027-02-29", "2027-02-30", "2027-02-31", "2100-02-29", "2027-04-31", "2027-13-01", "2027-00-10", "2027-01-00", "2027-1-01", "27-01-01", "01/02/1980", "2027-01-01T00:00:00Z", " 2027-01-01", ""]) {
      expect({ day, ok: isCalendarDate(day) }).toEqual({ day, ok: false });
      expect(refusal(() => calendarDate(day, "expectedCloseDate"))).toEqual(refused("expectedCloseDate", problem.calendarDate(day)));
    }
    expect(isCalendarDate(20270101)).toBe(false);
  });

  it("keep to their bounds: not in the future, not in the past, not after or before a date", () => {
    const today = todayUtc();
    const tomorrow = todayUtc(new Date(Date.now() + 86400_000));
    const yesterday = todayUtc(new Date(Date.now() - 86400_000));
    expect(calendarDate(today, "birthday", { notAfter: "today" })).toBe(today);
    expect(refusal(() => calendarDate(tomorrow, "birthday", { notAfter: "today" }))).toEqual(refused("birthday", "must not be in the future"));
    expect(calendarDate(today, "d", { notBefore: "today" })).toBe(today);
    expect(refusal(() => calendarDate(yesterday, "d", { notBefore: "today" }))).toEqual(refused("d", "must not be in the past"));
    expect(calendarDate("2030-06-30", "d", { notBefore: "2030-01-01", notAfter: "2030-12-31" })).toBe("2030-06-30");
    expect(refusal(() => calendarDate("2031-01-01", "d", { notAfter: "2030-12-31" }))).toEqual(refused("d", "must not be after 2030-12-31"));
    expect(refusal(() => calendarDate("2029-12-31", "d", { notBefore: "2030-01-01" }))).toEqual(refused("d", "must not be before 2030-01-01"));
  });
});

describe("decimals and money", () => {
  it("take at most 16 digits and 2 decimals, as strings (or finite numbers read as their text)", () => {
    const sixteen = "9".repeat(16);
    for (const ok of [sixteen, `${sixteen}.99`, "0", "0.5", "12.50", "-3.25", " 7.1 ", "0000000000000001"]) expect(decimalText(ok)).toBe(ok.trim());
    expect(decimalText(12.5)).toBe("12.5");
    for (const bad of [`1${sixteen}`, "1.234", "1.", ".5", "1e3", "+1", "1,000.00", "12 34", "", "-", "NaN", null, true, {}, Infinity, 0.1 + 0.2, 1e21]) {
      expect({ bad, text: decimalText(bad) }).toEqual({ bad, text: undefined });
    }
  });

  it("refuse naming the field; the sign only where asked", () => {
    expect(refusal(() => decimal("1.234", "amount"))).toEqual(refused("amount", problem.decimal("1.234")));
    expect(decimal("-5.00", "delta")).toBe("-5.00");
    expect(refusal(() => decimal("-5.00", "amount", { nonNegative: true }))).toEqual(refused("amount", "must not be negative"));
  });

  it("money is a non-negative decimal with exactly two decimals", () => {
    expect(money("250000.5", "amount")).toBe("250000.50");
    expect(money("007", "amount")).toBe("7.00");
    expect(money("0", "amount")).toBe("0.00");
    expect(money(`${"9".repeat(16)}.99`, "amount")).toBe(`${"9".repeat(16)}.99`);
    expect(refusal(() => money("-1", "amount"))).toEqual(refused("amount", "must not be negative"));
    expect(refusal(() => money("-0", "amount"))).toEqual(refused("amount", "must not be negative"));
    expect(refusal(() => money("1.001", "amount"))).toEqual(refused("amount", problem.decimal("1.001")));
  });
});

describe("texts", () => {
  it("cleanText: a one-line name, trimmed, runs of white space made one, not blank, at most max characters", () => {
    expect(cleanText("  Abc \t Coal\n Ltd ", "name")).toBe("Abc Coal Ltd");
    expect(refusal(() => cleanText(" \t\n", "name"))).toEqual(refused("name", "must not be blank"));
    expect(cleanText("x".repeat(120), "name", { max: 120 })).toBe("x".repeat(120));
    expect(refusal(() => cleanText("x".repeat(121), "name", { max: 120 }))).toEqual(refused("name", "must be at most 120 characters"));
  });

  it("requiredText keeps the inner layout; optionalText makes blank null", () => {
    expect(requiredText("  Spring  Festival\n", "name", { max: 80 })).toBe("Spring  Festival");
    expect(refusal(() => requiredText("   ", "name"))).toEqual(refused("name", "must not be blank"));
    for (const blank of [null, undefined, "", "  \n "]) expect(optionalText(blank, "note")).toBeNull();
    expect(optionalText(" a\n b ", "note")).toBe("a\n b");
    expect(refusal(() => optionalText("x".repeat(11), "note", { max: 10 }))).toEqual(refused("note", "must be at most 10 characters"));
  });

  it("count characters as the database does: an emoji is one, a variation selector one more", () => {
    expect(charCount("😀")).toBe(1);
    expect(charCount("\u2764\uFE0F")).toBe(2);
    expect(cleanText("😀".repeat(10), "name", { max: 10 })).toHaveLength(20);
    expect(refusal(() => cleanText("x".repeat(10) + "\uFE0F", "name", { max: 10 }))).toEqual(refused("name", "must be at most 10 characters"));
  });
});

describe("integers, choices, e-mail addresses, phone numbers, links", () => {
  it("integerBetween includes both ends", () => {
    expect(integerBetween(0, "days", 0, 60)).toBe(0);
    expect(integerBetween(60, "days", 0, 60)).toBe(60);
    expect(refusal(() => integerBetween(61, "days", 0, 60))).toEqual(refused("days", "must be between 0 and 60"));
    expect(refusal(() => integerBetween(-1, "days", 0, 60))).toEqual(refused("days", "must be between 0 and 60"));
    expect(refusal(() => integerBetween(1.5, "days", 0, 60))).toEqual(refused("days", "must be a whole number, got 1.5"));
  });

  it("oneOf takes a list or a string enum and names the values allowed", () => {
    enum Channel { WEB_FORM = "WEB_FORM", PHONE = "PHONE", IMPORT = "IMPORT" }
    expect(oneOf("PHONE", Channel, "channel")).toBe(Channel.PHONE);
    expect(oneOf("WEB_FORM", [Channel.WEB_FORM, Channel.PHONE], "channel")).toBe("WEB_FORM");
    expect(refusal(() => oneOf("IMPORT", [Channel.WEB_FORM, Channel.PHONE], "channel"))).toEqual(refused("channel", "must be one of WEB_FORM, PHONE"));
  });

  it("e-mail addresses and phone numbers keep their shapes", () => {
    expect(emailAddress("Li.Ping@Example.com", "email")).toBe("li.ping@example.com");
    for (const bad of ["not-an-email", "li.ping@", "@example.com", "li ping@example.com", ""]) {
      expect(isEmailAddress(bad)).toBe(false);
      expect(refusal(() => emailAddress(bad, "email"))).toEqual(refused("email", "must be an e-mail address"));
    }
    for (const ok of ["+86 138 0000 0000", "(010) 6552-1234", "12345"]) expect(phoneNumber(ok, "phone")).toBe(ok);
    for (const bad of ["call me maybe", "12", "+86 138 0000 0000 ext. 5", "1".repeat(41)]) {
      expect(isPhoneNumber(bad)).toBe(false);
      expect(refusal(() => phoneNumber(bad, "phone"))).toEqual(refused("phone", "must be digits, spaces, ( ) - and an optional leading +"));
    }
  });

  it("links are http(s) with the protocol", () => {
    expect(httpUrl("https://example.com/quote.pdf", "link")).toBe("https://example.com/quote.pdf");
    for (const bad of ["javascript:alert(1)", "ftp://example.com/x", "example.com/x", "data:text/html,x"]) {
      expect(isHttpUrl(bad)).toBe(false);
      expect(refusal(() => httpUrl(bad, "link"))).toEqual(refused("link", "must be an http(s) URL"));
    }
  });

  it("quotes a refused value short", () => {
    expect(shown("x".repeat(1000))).toHaveLength(60);
    expect(shown(1.5)).toBe("1.5");
    expect(shown(undefined)).toBe("nothing");
  });
});

describe("the decorators say the same as the functions", () => {
  class Input {
    @TextLength(1, 5) name = "ok";
    @TextLength(0, 3, { each: true }) tags: string[] = [];
    @IntegerBetween(1, 10) days = 1;
    @MaxItems(2) ids: string[] = [];
    @IsEmailAddress() email = "a@example.com";
    @IsPhoneNumber() phone = "12345";
    @IsHttpUrl() link = "https://example.com";
    @IsCalendarDate() date = "2028-02-29";
  }
  const failures = async (changes: Partial<Input>) =>
    (await validate(Object.assign(new Input(), changes))).map((e) => Object.values(e.constraints ?? {})).flat();

  it("accepts what the functions accept", async () => {
    expect(await failures({})).toEqual([]);
    expect(await failures({ name: "😀😀😀😀😀", days: 10, ids: ["1", "2"], tags: ["abc"] })).toEqual([]);
  });

  it("refuses as '$property: problem', in the vocabulary's words", async () => {
    expect(await failures({ name: "" })).toEqual(["name: must be 1 to 5 characters"]);
    expect(await failures({ name: "abcde\uFE0F" })).toEqual(["name: must be 1 to 5 characters"]);
    expect(await failures({ tags: ["abcd"] })).toEqual(["tags: each must be at most 3 characters"]);
    expect(await failures({ days: 11 })).toEqual(["days: must be between 1 and 10"]);
    expect(await failures({ ids: ["1", "2", "3"] })).toEqual(["ids: must have at most 2 items"]);
    expect(await failures({ email: "nope" })).toEqual(["email: must be an e-mail address"]);
    expect(await failures({ phone: "call me" })).toEqual(["phone: must be digits, spaces, ( ) - and an optional leading +"]);
    expect(await failures({ link: "javascript:alert(1)" })).toEqual(["link: must be an http(s) URL"]);
    expect(await failures({ date: "2027-02-29" })).toEqual([`date: ${problem.calendarDate("2027-02-29")}`]);
  });
});
