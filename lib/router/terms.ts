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

/** The forms a word is indexed and searched by: the folded word and its stems; none for a stop-word. */
export function termForms(word: string): string[] {
  const lower = word.toLowerCase();
  const folded = foldTerm(lower);
  if (!folded) return [];
  const forms = new Set([folded]);
  for (const stem of [englishStem, spanishStem, frenchStem]) {
    const form = foldDiacritics(stem(lower));
    if (form.length > 1) forms.add(form);
  }
  return [...forms];
}

/** The words of a text (letters and digits), in order. */
export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}
