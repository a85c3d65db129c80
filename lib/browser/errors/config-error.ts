/** /config.json could not be loaded or is not a valid configuration: the site's fault, not the reader's. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(cause: unknown) {
    super('The configuration of this site could not be loaded', { cause });
  }
}
