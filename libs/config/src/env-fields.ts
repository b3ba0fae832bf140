import { z } from 'zod';

export const portField = (defaultPort: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a TCP port number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(defaultPort);

export const brokersField = z
  .string({ required_error: 'is required (comma-separated host:port list, e.g. 127.0.0.1:9092)' })
  .transform((value) =>
    value
      .split(',')
      .map((b) => b.trim())
      .filter(Boolean),
  )
  .refine((list) => list.length > 0 && list.every((b) => /^[^\s:]+:\d+$/.test(b)), {
    message: 'must be a comma-separated list of host:port',
  });

export const postgresUrlField = z
  .string({ required_error: 'is required (e.g. postgres://user@127.0.0.1:5432/greenops)' })
  .refine((value) => /^postgres(ql)?:\/\//.test(value), { message: 'must be a postgres:// URL' });

export const byteSizeField = (defaultBytes: number) =>
  z.coerce.number().int().positive('must be a positive number of bytes').default(defaultBytes);

/** A duration in whole milliseconds, at least 1. */
export const durationMsField = (defaultMs: number) =>
  z.coerce
    .number({ invalid_type_error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .positive('must be a positive number of milliseconds')
    .default(defaultMs);
