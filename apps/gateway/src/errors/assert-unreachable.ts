/** The default of an exhaustive switch: a value the types say cannot exist fails typecheck. */
export function assertUnreachable(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
