/** Public entry of the error words: any error, custom errors of every contract included, as one human sentence. */
export { humanizeError, errorKind } from './humanize';
export { ConfigError } from './config-error';
/** Any error as one sentence in the page's language, for components (this entry is not loaded by pages without errors). */
export { useHumanize } from './useHumanize';
