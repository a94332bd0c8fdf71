const LATIN_FOLD: Record<string, string> = {
  ş: 's',
  ç: 'c',
  ğ: 'g',
  ı: 'i',
  ö: 'o',
  ü: 'u',
  ə: 'a',
  ё: 'е',
  й: 'и',
};

/** Russian letters in the spelling an English speaker would type, so "Fizuli" can find "Физули". */
const CYRILLIC_TO_LATIN: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/**
 * Folds a name for comparison: lower case, Azerbaijani and Turkish letters to plain Latin
 * (ş→s, ç→c, ğ→g, ı→i, ö→o, ü→u, ə→a), other diacritics stripped, and everything that is
 * not a letter or digit removed, so "Nagorno Karabakh", "nagorno-karabakh" and "NAGORNO–KARABAKH" are equal.
 */
export function foldName(text: string): string {
  const lower = text.toLocaleLowerCase('tr').normalize('NFC');
  let out = '';
  for (const ch of lower) out += LATIN_FOLD[ch] ?? ch;
  return out
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Every folded form a name should be found by: the plain fold, the fold with ə read as "e"
 * (Kəlbəcər → kelbecer as well as kalbacar), and a Latin transliteration of Cyrillic.
 */
export function foldedForms(text: string): string[] {
  const forms = new Set<string>([foldName(text), foldName(text.replace(/[əƏ]/g, 'e'))]);
  for (const form of [...forms]) {
    const latin = transliterateCyrillic(form);
    if (latin !== form) forms.add(latin);
  }
  return [...forms];
}

/** Cyrillic letters to their common Latin spelling; other characters unchanged. */
export function transliterateCyrillic(folded: string): string {
  let out = '';
  for (const ch of folded) out += CYRILLIC_TO_LATIN[ch] ?? ch;
  return out;
}

/**
 * Damerau–Levenshtein (optimal string alignment) distance, stopping early once it exceeds `max`.
 * @returns the distance, or `max + 1` when it is larger than `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const cur = new Array<number>(cols).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prevPrev[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = cur;
  }
  const d = prev[cols - 1] as number;
  return d > max ? max + 1 : d;
}
