/** Public entry of the error words: any error, custom errors of every contract included, as one human sentence. */
export { humanizeError, errorKind } from './humanize';
export { ConfigError } from './config-error';
