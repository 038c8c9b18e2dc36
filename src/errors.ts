/** Expected failures: the CLI prints their message as one line and exits with code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}
