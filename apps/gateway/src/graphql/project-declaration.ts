import { createHash } from 'node:crypto';
import {
  encodeLogRecord,
  projectDeclaredEventId,
  TENANT_SCOPE_PROJECT,
  type LogRecord,
  type ProjectDeclared,
} from '@greenops/contracts';
import type { ProjectDeclaration } from '@greenops/domain';
import { hasControlCharacter } from '@greenops/persistence';
import { GatewayError } from '../errors/gateway-error';

const MAX_NAME_CHARS = 200;
const MAX_TAGS = 50;
const MAX_TAG_CHARS = 64;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function calendarDay(field: string, value: string): string {
  const parsed = new Date(`${value}T00:00:00Z`);
  if (
    !DAY.test(value) ||
    Number.isNaN(parsed.getTime()) ||
    parsed.toISOString().slice(0, 10) !== value
  ) {
    throw GatewayError.invalidArgument(field, 'must be a calendar date YYYY-MM-DD');
  }
  return value;
}

function bounded(field: string, value: number, max: number, integer = false): number {
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    throw GatewayError.invalidArgument(
      field,
      `must be ${integer ? 'a whole number' : 'a number'} from 0 to ${max}`,
    );
  }
  return value;
}

/** The declaration as the event carries it, every field checked and named when wrong. */
export function checkDeclaration(input: {
  name: string;
  productionType: ProjectDeclaration['productionType'];
  finishedMinutes?: number | null;
  shootDays?: number | null;
  episodes?: number | null;
  country?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  tags?: string[] | null;
}): ProjectDeclaration {
  const name = input.name.trim();
  if (name.length === 0 || name.length > MAX_NAME_CHARS) {
    throw GatewayError.invalidArgument('input.name', `must be 1–${MAX_NAME_CHARS} characters`);
  }
  const declaration: ProjectDeclaration = {
    name,
    productionType: input.productionType,
    tags: [],
  };
  if (input.finishedMinutes != null)
    declaration.finishedMinutes = bounded(
      'input.finishedMinutes',
      input.finishedMinutes,
      1_000_000,
    );
  if (input.shootDays != null)
    declaration.shootDays = bounded('input.shootDays', input.shootDays, 100_000);
  if (input.episodes != null)
    declaration.episodes = bounded('input.episodes', input.episodes, 100_000, true);
  if (input.country != null) {
    if (!/^[A-Z]{2}$/.test(input.country))
      throw GatewayError.invalidArgument(
        'input.country',
        'must be an ISO 3166-1 alpha-2 code in capitals',
      );
    declaration.country = input.country;
  }
  if (input.startDate != null)
    declaration.startDate = calendarDay('input.startDate', input.startDate);
  if (input.endDate != null) declaration.endDate = calendarDay('input.endDate', input.endDate);
  if (declaration.startDate && declaration.endDate && declaration.endDate < declaration.startDate) {
    throw GatewayError.invalidArgument('input.endDate', 'must not be before startDate');
  }
  const tags = input.tags ?? [];
  if (tags.length > MAX_TAGS)
    throw GatewayError.invalidArgument('input.tags', `at most ${MAX_TAGS} tags`);
  declaration.tags = [
    ...new Set(
      tags.map((tag, i) => {
        const t = tag.trim();
        if (t.length === 0 || t.length > MAX_TAG_CHARS || hasControlCharacter(t)) {
          throw GatewayError.invalidArgument(
            `input.tags[${i}]`,
            `must be 1–${MAX_TAG_CHARS} characters without control characters`,
          );
        }
        return t;
      }),
    ),
  ];
  return declaration;
}

/** The ProjectDeclared event of a checked declaration, encoded for the log. */
export function projectDeclaration(
  tenant: string,
  projectId: string,
  declaration: ProjectDeclaration,
  now: Date,
): { event: ProjectDeclared; record: LogRecord } {
  if (projectId === TENANT_SCOPE_PROJECT) {
    throw GatewayError.invalidArgument('input.id', `${TENANT_SCOPE_PROJECT} is reserved`);
  }
  const declaredAt = now.toISOString();
  const hash = createHash('sha256').update(JSON.stringify(declaration)).digest('hex').slice(0, 16);
  const event: ProjectDeclared = {
    id: projectDeclaredEventId(tenant, projectId, declaredAt, hash),
    type: 'ProjectDeclared',
    version: 1,
    tenant,
    projectId,
    occurredAt: declaredAt,
    recordedAt: declaredAt,
    payload: declaration,
  };
  const encoded = encodeLogRecord(event);
  if (!encoded.ok) {
    throw new Error(`ProjectDeclared.${encoded.field} breaks its contract: ${encoded.reason}`);
  }
  return { event, record: encoded.record };
}
