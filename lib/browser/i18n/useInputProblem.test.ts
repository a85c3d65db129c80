import { createTranslator } from 'use-intl';
import { describe, expect, it } from 'vitest';
import { oneLineProblem } from '../format/oneLine';
import { validateVin, type VinProblem } from '../vin/vin';
import en from './messages/en/public.json';
import fr from './messages/fr/public.json';
import { inputProblemText } from './useInputProblem';

const text = (locale: 'en' | 'fr') =>
  inputProblemText(createTranslator({ locale, messages: locale === 'en' ? en : fr, namespace: 'inputProblem' }));

const refusal = (vin: string): VinProblem => {
  const result = validateVin(vin);
  if (result.ok) throw new Error(`${vin} was accepted`);
  return result.problem;
};

// One case per code of validateVin and oneLineProblem: the sentence a wallet form shows, in each language.
describe('refusal codes in the page’s language', () => {
  it.each([
    [
      'length',
      '1HGCM82633A00435',
      'A VIN has 17 characters; this one has 16.',
      'Un VIN compte 17 caractères ; celui-ci en a 16.',
    ],
    [
      'character',
      '1HGCM826_3A004352',
      'A VIN contains only the letters A–Z and the digits 0–9: “_” at position 9 is neither.',
      'Un VIN ne contient que les lettres A à Z et les chiffres 0 à 9 : « _ » en position 9 n’en fait pas partie.',
    ],
    [
      'forbidden-letter',
      '1HGCO82633A004352',
      'The letters I, O and Q are never used in a VIN: “O” at position 5 is probably a 1 or a 0.',
      'Les lettres I, O et Q ne figurent jamais dans un VIN : le « O » en position 5 est sans doute un 1 ou un 0.',
    ],
    [
      'check-digit',
      '1M8GDM9A3KP042788',
      'This VIN’s check digit (position 9) does not match the other characters: probably a typing error. Check it against the car’s papers.',
      'La clé de contrôle de ce VIN (position 9) ne correspond pas aux autres caractères : sans doute une faute de frappe. Comparez-le aux papiers du véhicule.',
    ],
  ] as const)('VIN %s', (code, vin, english, french) => {
    const problem = refusal(vin);
    expect(problem.code).toBe(code);
    expect(text('en').vin(problem)).toBe(english);
    expect(text('fr').vin(problem)).toBe(french);
  });

  it('an empty VIN is told as empty', () => {
    expect(text('en').vin(refusal(' '))).toBe('A VIN has 17 characters; this one is empty.');
    expect(text('fr').vin(refusal(' '))).toBe('Un VIN compte 17 caractères ; celui-ci est vide.');
  });

  it('one-line control-character', () => {
    const problem = oneLineProblem('Model\u202E X')!;
    expect(text('en').oneLine(problem)).toBe(
      'Remove the invisible control character U+202E: it can make the text show differently from what it is.',
    );
    expect(text('fr').oneLine(problem)).toBe(
      'Supprimez le caractère de contrôle invisible U+202E : il peut faire afficher le texte autrement qu’il n’est.',
    );
  });
});
