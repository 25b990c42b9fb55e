/** How deep a body, form or message payload may nest: this API's deepest is 2, so 32 is plenty. */
export const MAX_INPUT_DEPTH = 32;

/** What findMalformedInput found, and where (`"credential.token"`, `"items[3]"`, `""` for the value itself). */
export interface MalformedInput {
  problem: 'lone-surrogate' | 'too-deep';
  path: string;
}

const LONE_SURROGATE = /\p{Cs}/u;
// Node 20 has String.prototype.isWellFormed (ES2024), which this project's ES2022 lib does not declare.
const nativeIsWellFormed = (String.prototype as { isWellFormed?: (this: string) => boolean }).isWellFormed;

/**
 * True when the string is well-formed UTF-16: no lone surrogate, so it round-trips through UTF-8. A JSON
 * "\ud800" would otherwise become U+FFFD on the way to bcrypt or the database, making many inputs one.
 */
export function isWellFormedUnicode(value: string): boolean {
  return nativeIsWellFormed ? nativeIsWellFormed.call(value) : !LONE_SURROGATE.test(value);
}

/** A container still to be read, and how it was reached (kept only to name the path of a problem). */
interface Pending {
  value: readonly unknown[] | Readonly<Record<string, unknown>>;
  level: number;
  parent: Pending | undefined;
  key: string | number | undefined;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]{0,63}$/;

/** The path of a problem, for the message: `items[3].name`; a key that is not a plain name shows as `[?]`. */
function pathOf(parent: Pending, key: string | number): string {
  const steps: (string | number)[] = [key];
  for (let at: Pending | undefined = parent; at?.key !== undefined; at = at.parent) steps.push(at.key);
  return steps
    .reverse()
    .map((step, index) => (typeof step === 'number' ? `[${step}]` : !PLAIN_KEY.test(step) ? '[?]' : index === 0 ? step : `.${step}`))
    .join('');
}

function isContainer(value: unknown): value is Pending['value'] {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Checks one member of a container: a string now, a container later (pushed), anything else never. */
function inspect(parent: Pending, key: string | number, item: unknown, stack: Pending[], maxDepth: number): MalformedInput | null {
  if (typeof item === 'string') return isWellFormedUnicode(item) ? null : { problem: 'lone-surrogate', path: pathOf(parent, key) };
  if (!isContainer(item)) return null;
  if (parent.level >= maxDepth) return { problem: 'too-deep', path: pathOf(parent, key) };
  stack.push({ value: item, level: parent.level + 1, parent, key });
  return null;
}

/** The first problem among a container's members (and, for an object, its keys), pushing its containers. */
function inspectMembers(pending: Pending, stack: Pending[], maxDepth: number): MalformedInput | null {
  const { value } = pending;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const found = inspect(pending, index, value[index], stack, maxDepth);
      if (found) return found;
    }
    return null;
  }
  for (const key of Object.keys(value)) {
    if (!isWellFormedUnicode(key)) return { problem: 'lone-surrogate', path: pathOf(pending, key) };
    const found = inspect(pending, key, (value as Readonly<Record<string, unknown>>)[key], stack, maxDepth);
    if (found) return found;
  }
  return null;
}

/**
 * The first string (value or key) that is not well-formed Unicode, or the first container nested deeper
 * than `maxDepth` (the value itself is level 1), in a parsed JSON body, form or message payload; null when
 * there is none. Iterative, so a body 5,000 levels deep costs 32 steps, not a stack overflow. Reads arrays
 * and plain objects (what JSON.parse and querystring build), treats other objects as leaves, and expects
 * a tree: JSON cannot express a cycle.
 */
export function findMalformedInput(value: unknown, maxDepth: number = MAX_INPUT_DEPTH): MalformedInput | null {
  if (typeof value === 'string') return isWellFormedUnicode(value) ? null : { problem: 'lone-surrogate', path: '' };
  if (!isContainer(value)) return null;
  if (maxDepth < 1) return { problem: 'too-deep', path: '' };
  const stack: Pending[] = [{ value, level: 1, parent: undefined, key: undefined }];
  for (let pending = stack.pop(); pending !== undefined; pending = stack.pop()) {
    const found = inspectMembers(pending, stack, maxDepth);
    if (found) return found;
  }
  return null;
}

/** The 400 message for what findMalformedInput found: `"password must be well-formed Unicode (no lone surrogates)"`. */
export function malformedInputMessage(found: MalformedInput, maxDepth: number = MAX_INPUT_DEPTH): string {
  const subject = found.path || 'input';
  return found.problem === 'lone-surrogate'
    ? `${subject} must be well-formed Unicode (no lone surrogates)`
    : `${subject} is nested deeper than ${maxDepth} levels`;
}
