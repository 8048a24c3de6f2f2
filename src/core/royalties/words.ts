/**
 * An amount of đồng in Vietnamese words, as a payment sheet's footer writes it ("Hai triệu năm trăm ba
 * mươi nghìn đồng"). The reading accounting offices use: groups of three digits named nghìn, triệu,
 * tỷ (and nghìn tỷ, triệu tỷ above); a zero group is left out; a group after the first that is below
 * one hundred is read with "không trăm"; a zero ten before a unit is "linh"; after twenty and above,
 * 1 is "mốt", 4 is "tư" and 5 is "lăm" (and 5 after ten is "lăm" too).
 */
const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;

function unitAfterTens(unit: number, tens: number): string {
  if (unit === 1 && tens >= 2) return 'mốt';
  if (unit === 4 && tens >= 2) return 'tư';
  if (unit === 5 && tens >= 1) return 'lăm';
  return DIGITS[unit]!;
}

/** 0–999; `full` reads a group that follows another in full ("không trăm linh năm"). */
function group(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const unit = n % 10;
  const words: string[] = [];
  if (hundreds > 0 || full) words.push(DIGITS[hundreds]!, 'trăm');
  if (tens === 0) {
    if (unit > 0 && words.length > 0) words.push('linh');
  } else if (tens === 1) {
    words.push('mười');
  } else {
    words.push(DIGITS[tens]!, 'mươi');
  }
  if (unit > 0) words.push(tens === 0 ? DIGITS[unit]! : unitAfterTens(unit, tens));
  return words;
}

const SCALES = ['', 'nghìn', 'triệu', 'tỷ'] as const;

/** Words for a whole number ≥ 0, without the currency. Billions repeat: 10^12 is "một nghìn tỷ". */
export function numberInWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`numberInWords: not a whole number ≥ 0: ${n}`);
  if (n === 0) return DIGITS[0];
  const BILLION = 1_000_000_000;
  if (n >= BILLION * 1000) {
    const high = Math.floor(n / BILLION);
    const low = n % BILLION;
    return [numberInWords(high), 'tỷ', ...(low > 0 ? [belowBillion(low, true)] : [])].join(' ');
  }
  return belowBillion(n, false) || DIGITS[0];
}

/** Below 10^9; `following` when words come before it (after "tỷ"), so its first group is read in full. */
function belowBillion(n: number, following: boolean): string {
  const groups: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 1000)) groups.push(rest % 1000);
  const words: string[] = [];
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const value = groups[i]!;
    if (value === 0) continue;
    words.push(...group(value, following || words.length > 0));
    if (SCALES[i]) words.push(SCALES[i]!);
  }
  return words.join(' ');
}

/**
 * "Hai triệu năm trăm ba mươi nghìn đồng": capitalised, with the currency. A month of corrections alone can
 * take back more than it pays: "Âm một trăm nghìn đồng" (minus), as an accountant writes a negative sum.
 */
export function dongInWords(amount: number): string {
  const words = amount < 0 ? `âm ${numberInWords(-amount)} đồng` : `${numberInWords(amount)} đồng`;
  return words.charAt(0).toUpperCase() + words.slice(1);
}
