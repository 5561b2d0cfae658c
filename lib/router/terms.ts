import { stemmer as englishStem } from "@orama/stemmers/english";
import { stemmer as frenchStem } from "@orama/stemmers/french";
import { stemmer as spanishStem } from "@orama/stemmers/spanish";
import { eng, fra, spa } from "stopword";

// Requests and task texts come in English, Spanish and French, and nothing says which: every word is
// matched by its own form and by its stem in each of the three languages (Snowball stemmers), so
// "meetings" meets "meeting" and "reuniones" meets "reunión". The stop-words are the stopword
// package's lists for the same languages.

const foldDiacritics = (text: string) => text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");

const STOP_WORDS = new Set([...eng, ...spa, ...fra].map((word) => foldDiacritics(word.toLowerCase())));

/** A word lower-cased, without accents; null for a stop-word or a word of one letter. */
export function foldTerm(word: string): string | null {
  const folded = foldDiacritics(word.toLowerCase());
  return folded.length > 1 && !STOP_WORDS.has(folded) ? folded : null;
}

// Stemming a word three times is the slow part of indexing a large registry; the words repeat a lot.
const formsOf = new Map<string, string[]>();
const MAX_REMEMBERED = 50_000;

/** The forms a word is indexed and searched by: the folded word and its stems; none for a stop-word. */
export function termForms(word: string): string[] {
  const lower = word.toLowerCase();
  let forms = formsOf.get(lower);
  if (!forms) {
    const folded = foldTerm(lower);
    const set = new Set(folded ? [folded] : []);
    if (folded) {
      for (const stem of [englishStem, spanishStem, frenchStem]) {
        const form = foldDiacritics(stem(lower));
        if (form.length > 1) set.add(form);
      }
    }
    forms = [...set];
    if (formsOf.size >= MAX_REMEMBERED) formsOf.clear();
    formsOf.set(lower, forms);
  }
  return forms;
}

/** The words of a text (letters and digits), in order. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
