// libphonenumber's number patterns as one automaton over digits, so that reading a number asks "which of
// these patterns does it match" in one pass over its digits instead of one regular expression call each
// (the calls were most of a phone cell's cost, and a cell is read on every row).
//
// The metadata's patterns use a small part of the syntax: digits, \d, classes ("[2-57]"), groups ("(...)",
// "(?:...)"), "|" and the quantifiers ?, *, +, {n}, {n,}, {n,m}. Such a pattern is a regular language over
// the ten digits, so a deterministic automaton decides exactly what the regular expression decides. A
// pattern with anything else is not compiled (`digitAutomaton` returns null) and the caller keeps its
// regular expressions. A test compares the automaton with the regular expressions of every country.

type Node =
  | { kind: 'set'; digits: number } // a bit per digit
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; item: Node; min: number; max: number }; // max: Infinity for no bound

const ANY_DIGIT = 0x3ff;
const MAX_STATES = 4096;

class Unsupported extends Error {}

/** Parses a pattern into a tree, or throws Unsupported. */
function parse(pattern: string): Node {
  let at = 0;
  const peek = (): string | undefined => pattern[at];
  const number = (): number => {
    const start = at;
    while (at < pattern.length && pattern[at]! >= '0' && pattern[at]! <= '9') at++;
    if (at === start) throw new Unsupported();
    return Number(pattern.slice(start, at));
  };
  const cls = (): number => {
    at++; // [
    let negate = false;
    if (peek() === '^') {
      negate = true;
      at++;
    }
    let digits = 0;
    while (peek() !== ']') {
      const c = peek();
      if (c === undefined) throw new Unsupported();
      if (c === '\\' && pattern[at + 1] === 'd') {
        at += 2;
        digits |= ANY_DIGIT;
        continue;
      }
      if (c < '0' || c > '9') throw new Unsupported();
      const from = c.charCodeAt(0) - 48;
      at++;
      let to = from;
      if (peek() === '-' && pattern[at + 1] !== ']') {
        const d = pattern[at + 1];
        if (d === undefined || d < '0' || d > '9') throw new Unsupported();
        to = d.charCodeAt(0) - 48;
        at += 2;
        if (to < from) throw new Unsupported();
      }
      for (let digit = from; digit <= to; digit++) digits |= 1 << digit;
    }
    at++; // ]
    return negate ? ANY_DIGIT & ~digits : digits;
  };
  const atom = (): Node => {
    const c = peek();
    if (c === '(') {
      at++;
      if (pattern.startsWith('?:', at)) at += 2;
      else if (peek() === '?') throw new Unsupported(); // lookarounds, named groups
      const inner = alternation();
      if (peek() !== ')') throw new Unsupported();
      at++;
      return inner;
    }
    if (c === '[') return { kind: 'set', digits: cls() };
    if (c === '\\') {
      if (pattern[at + 1] !== 'd') throw new Unsupported();
      at += 2;
      return { kind: 'set', digits: ANY_DIGIT };
    }
    if (c !== undefined && c >= '0' && c <= '9') {
      at++;
      return { kind: 'set', digits: 1 << (c.charCodeAt(0) - 48) };
    }
    throw new Unsupported();
  };
  const quantified = (): Node => {
    let item = atom();
    for (;;) {
      const c = peek();
      let min: number;
      let max: number;
      if (c === '?') [min, max] = [0, 1];
      else if (c === '*') [min, max] = [0, Infinity];
      else if (c === '+') [min, max] = [1, Infinity];
      else if (c === '{') {
        at++;
        min = number();
        max = min;
        if (peek() === ',') {
          at++;
          max = peek() === '}' ? Infinity : number();
        }
        if (peek() !== '}' || max < min) throw new Unsupported();
      } else return item;
      at++;
      if (peek() === '?' || peek() === '+') throw new Unsupported(); // lazy or possessive: same language, but keep to what is known
      item = { kind: 'repeat', item, min, max };
    }
  };
  const sequence = (): Node => {
    const items: Node[] = [];
    while (at < pattern.length && peek() !== '|' && peek() !== ')') items.push(quantified());
    return { kind: 'seq', items };
  };
  function alternation(): Node {
    const options = [sequence()];
    while (peek() === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }
  const tree = alternation();
  if (at !== pattern.length) throw new Unsupported();
  return tree;
}

/** A nondeterministic automaton: per state, digit moves (a set of digits → one state) and empty moves. */
class Nfa {
  readonly moves: { digits: number; to: number }[][] = [];
  readonly empty: number[][] = [];
  /** Per state, the patterns (bits) it accepts. */
  readonly accepts: number[] = [];

  state(): number {
    this.moves.push([]);
    this.empty.push([]);
    this.accepts.push(0);
    return this.moves.length - 1;
  }

  /** Adds `node` between `from` and a new state, which it returns. */
  build(node: Node, from: number): number {
    switch (node.kind) {
      case 'set': {
        const to = this.state();
        this.moves[from]!.push({ digits: node.digits, to });
        return to;
      }
      case 'seq':
        return node.items.reduce((at, item) => this.build(item, at), from);
      case 'alt': {
        const to = this.state();
        for (const option of node.options) this.empty[this.build(option, from)]!.push(to);
        return to;
      }
      case 'repeat': {
        let at = from;
        for (let i = 0; i < node.min; i++) at = this.build(node.item, at);
        if (node.max === Infinity) {
          const loop = this.state();
          this.empty[at]!.push(loop);
          this.empty[this.build(node.item, loop)]!.push(loop);
          return loop;
        }
        const to = this.state();
        this.empty[at]!.push(to);
        for (let i = node.min; i < node.max; i++) {
          at = this.build(node.item, at);
          this.empty[at]!.push(to);
        }
        return to;
      }
    }
  }
}

/**
 * A deterministic automaton over digits for several patterns at once: `next[state * 10 + digit]` is the
 * following state (0: no pattern can match any more), `accepts[state]` has bit i set when the digits read
 * so far match pattern i in full. Reading starts at state 1.
 */
export interface DigitAutomaton {
  next: Int32Array;
  accepts: Int32Array;
}

/** Compiles up to 31 patterns (whole-string matches, as `^(?:pattern)$`), or null if one uses other syntax. */
export function digitAutomaton(patterns: readonly string[]): DigitAutomaton | null {
  if (patterns.length > 31) return null;
  const nfa = new Nfa();
  const start = nfa.state();
  try {
    patterns.forEach((pattern, i) => {
      const end = nfa.build(parse(pattern), start);
      nfa.accepts[end] = nfa.accepts[end]! | (1 << i);
    });
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const closure = (states: Iterable<number>): number[] => {
    const seen = new Set<number>(states);
    const stack = [...seen];
    while (stack.length > 0) {
      for (const to of nfa.empty[stack.pop()!]!) {
        if (seen.has(to)) continue;
        seen.add(to);
        stack.push(to);
      }
    }
    return [...seen].sort((a, b) => a - b);
  };
  // Subset construction; state 0 is the dead state.
  const ids = new Map<string, number>();
  const sets: number[][] = [[]];
  const next: number[] = new Array<number>(10).fill(0);
  const accepts: number[] = [0];
  const add = (set: number[]): number => {
    if (set.length === 0) return 0;
    const key = set.join(',');
    let id = ids.get(key);
    if (id === undefined) {
      id = sets.length;
      ids.set(key, id);
      sets.push(set);
      next.push(...new Array<number>(10).fill(0));
      accepts.push(set.reduce((bits, s) => bits | nfa.accepts[s]!, 0));
    }
    return id;
  };
  add(closure([start]));
  for (let id = 1; id < sets.length; id++) {
    if (sets.length > MAX_STATES) return null;
    for (let digit = 0; digit < 10; digit++) {
      const targets: number[] = [];
      for (const s of sets[id]!) for (const move of nfa.moves[s]!) if (move.digits & (1 << digit)) targets.push(move.to);
      next[id * 10 + digit] = add(closure(targets));
    }
  }
  return { next: Int32Array.from(next), accepts: Int32Array.from(accepts) };
}

/** The patterns (bits) `text` matches in full, reading its characters from `from` (digits only: any other character matches none). */
export function matchesFrom(automaton: DigitAutomaton, text: string, from: number): number {
  const { next, accepts } = automaton;
  let state = 1;
  for (let i = from; i < text.length && state !== 0; i++) {
    const digit = text.charCodeAt(i) - 48;
    state = digit >= 0 && digit <= 9 ? next[state * 10 + digit]! : 0;
  }
  return accepts[state]!;
}

/** Whether some prefix of `text` (read from `from`) of at least one character matches pattern `bit`: a `^(?:pattern)` test. */
export function prefixMatches(automaton: DigitAutomaton, text: string, from: number, bit: number): boolean {
  const { next, accepts } = automaton;
  let state = 1;
  for (let i = from; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    state = digit >= 0 && digit <= 9 ? next[state * 10 + digit]! : 0;
    if (state === 0) return false;
    if (accepts[state]! & bit) return true;
  }
  return false;
}
