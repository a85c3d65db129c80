/**
 * The dApp's languages: the message catalogue (messages/<locale>/*.json), the locale provider that follows the
 * browser with a visible switch, and the hooks components use. Components call `useTranslations('namespace')`
 * and `useFormat()`; every visible string is a catalogue key.
 */
export { useTranslations } from 'use-intl';
export { LocaleProvider } from './LocaleProvider';
export { LocaleSwitch } from './LocaleSwitch';
/** @public the page's formatters (lib/browser/format bound to the language in force) */
export { useFormat } from './useFormat';
/** @public the sentence for a validator's refusal code (VIN, one-line text) in the page's language */
export { useInputProblem } from './useInputProblem';
