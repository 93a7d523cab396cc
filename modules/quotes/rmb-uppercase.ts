/**
 * An amount in Chinese capital numerals (人民币大写), as written on invoices and contracts, by the
 * rules for filling in bills (《支付结算办法》附件一): 元 followed by 整 when there are no 角 and 分;
 * a 零 for zeros inside the number (one for a run of them), and after 元 when 角 is zero and 分 is not.
 * 1234.56 is 壹仟贰佰叁拾肆元伍角陆分, 1005.00 is 壹仟零伍元整, 0.00 is 零元整.
 */
const DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const PLACES = ["仟", "佰", "拾", ""];

/** 1 to 9999, with a 零 for each run of zeros between digits. */
function underTenThousand(n: number): string {
  const digits = String(n).padStart(4, "0").split("").map(Number);
  let out = "";
  let zero = false;
  digits.forEach((d, i) => {
    if (d === 0) zero = out !== "";
    else {
      out += (zero ? "零" : "") + DIGITS[d] + PLACES[i];
      zero = false;
    }
  });
  return out;
}

/** A positive whole number: 万 and 亿 sections, a 零 where a section starts with zeros. */
function whole(n: bigint): string {
  if (n >= 100_000_000n) {
    const low = n % 100_000_000n;
    return `${whole(n / 100_000_000n)}亿${low === 0n ? "" : (low < 10_000_000n ? "零" : "") + whole(low)}`;
  }
  if (n >= 10_000n) {
    const low = Number(n % 10_000n);
    return `${underTenThousand(Number(n / 10_000n))}万${low === 0 ? "" : (low < 1000 ? "零" : "") + underTenThousand(low)}`;
  }
  return underTenThousand(Number(n));
}

/** `amount`: a non-negative decimal text with up to 2 decimals (money as stored). */
export function rmbUppercase(amount: string): string {
  const [integer, fraction = ""] = amount.split(".");
  const yuan = BigInt(integer);
  const [jiao, fen] = fraction.padEnd(2, "0").split("").map(Number);
  if (yuan === 0n && jiao === 0 && fen === 0) return "零元整";
  let out = yuan === 0n ? "" : `${whole(yuan)}元`;
  if (jiao === 0 && fen === 0) return `${out}整`;
  if (jiao !== 0) out += `${DIGITS[jiao]}角`;
  else if (yuan !== 0n) out += "零";
  if (fen !== 0) out += `${DIGITS[fen]}分`;
  return out;
}
