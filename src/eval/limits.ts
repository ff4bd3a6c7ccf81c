/** Bounds of evaluation: past any of them a value is unknown, never a hang or a stack overflow. */
export const LIMITS_SIZE = {
  /** Variables and expressions nested in one another. */
  depth: 400,
  /** Items a loop (copy, range) may make. */
  loop: 1000,
  /** Characters of a computed string. */
  stringLength: 1 << 20,
  /** Items and members of one computed array or object. */
  size: 10_000,
  /** Evaluation steps per deployment scope. */
  work: 200_000,
};
