/**
 * `true` when A and B are assignable to each other. A schema whose payload carries a domain
 * type (an Activity, a factor) declares `const _x: MutuallyAssignable<z.infer<…>, Domain> = true`,
 * so the two cannot drift apart without the build failing.
 */
export type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
