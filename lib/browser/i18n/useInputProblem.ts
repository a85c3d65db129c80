import { useMemo } from 'react';
import { useTranslations } from 'use-intl';
import type { OneLineProblem } from '../format/oneLine';
import type { VinProblem } from '../vin/vin';

/** The words for refused inputs: public.json's inputProblem namespace, in the page's language. */
type Translate = ReturnType<typeof useTranslations<'inputProblem'>>;

export interface InputProblemText {
  vin: (problem: VinProblem) => string;
  oneLine: (problem: OneLineProblem) => string;
}

/** The sentence for each refusal code (pure: tested with each language's catalogue in useInputProblem.test.ts). */
export function inputProblemText(t: Translate): InputProblemText {
  return {
    vin(problem) {
      switch (problem.code) {
        case 'length':
          return t('vin.length', { count: problem.count });
        case 'character':
          return t('vin.character', { char: problem.char, position: problem.position });
        case 'forbidden-letter':
          return t('vin.forbidden-letter', { char: problem.char, position: problem.position });
        case 'check-digit':
          return t('vin.check-digit');
      }
    },
    oneLine: (problem) => t(`oneLine.${problem.code}`, { codePoint: problem.codePoint }),
  };
}

/**
 * The sentence for a refused input in the page's language: lib/browser's validators (validateVin, oneLineProblem)
 * return codes, and every form that shows their refusal words it through here.
 */
export function useInputProblem(): InputProblemText {
  const t = useTranslations('inputProblem');
  return useMemo(() => inputProblemText(t), [t]);
}
