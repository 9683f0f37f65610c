// The relay's logger: pino JSON lines with secrets redacted. Callers never log query strings, IP addresses
// or request headers; the redaction below is the second line of defence for anything named like a secret.

import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

const REDACT_PATHS = [
  'token',
  '*.token',
  'tokens',
  '*.tokens',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'roomCreateKey',
  '*.roomCreateKey',
  'query',
  '*.query'
];

export type { Logger };

export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'stadt-land-tisch-relay' },
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime
  };
  return destination ? pino(options, destination) : pino(options);
}
