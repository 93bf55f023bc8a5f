/**
 * Where each key and value of a document was written. Validators report JSON pointers only;
 * this index turns a pointer into file positions afterwards (the way Butane correlates
 * report entries with its parse tree). A pointer that does not exist (a missing key) falls
 * back to the nearest ancestor that does.
 */
import type { Path, Span } from '../model/diagnostic.js';
import { fromPointer, INPUT_START, toPointer } from '../model/diagnostic.js';
import { MAX_LOCATED_DEPTH } from '../model/limits.js';

export interface Located {
  /** The key (or header segment) that names this element. */
  key: Span;
  /** The value; for a `[table]` header, the header's key. */
  value: Span;
}

/** Offsets [from, to) in the text. */
export type Range = readonly [number, number];

/** Numbers kept per entry: key from and to, value from and to, definitive (1) or not (0). */
const SLOT = 5;

export class PositionIndex {
  /**
   * Pointer → entry number. The places themselves are kept as offsets in one flat array and turned
   * into lines and columns when asked for: a 1 MB document of 80,000 keys keeps 80,000 map entries
   * and numbers, not 240,000 objects.
   */
  private readonly slots = new Map<string, number>();
  private readonly offsets: number[] = [];
  private fill: ((index: PositionIndex) => void) | undefined;

  /**
   * @param toSpan turns offsets into a span
   * @param fill records the entries on first use: most documents are clean and never need positions,
   * so the parse tree is walked for them only when something is reported.
   */
  constructor(
    private readonly toSpan: (range: Range) => Span,
    fill?: (index: PositionIndex) => void,
  ) {
    this.fill = fill;
  }

  private ensure(): void {
    const fill = this.fill;
    if (!fill) return;
    this.fill = undefined;
    fill(this);
  }

  /** The first mention wins, except that a definition (key = value, the defining header) beats an implicit mention. */
  record(pointer: string, key: Range, value: Range, definitive = false): void {
    let slot = this.slots.get(pointer);
    if (slot === undefined) {
      slot = this.offsets.length;
      this.slots.set(pointer, slot);
    } else if (!definitive || this.offsets[slot + 4] === 1) return;
    const o = this.offsets;
    o[slot] = key[0];
    o[slot + 1] = key[1];
    o[slot + 2] = value[0];
    o[slot + 3] = value[1];
    o[slot + SLOT - 1] = definitive ? 1 : 0;
  }

  get(pointer: string): Located | undefined {
    this.ensure();
    const slot = this.slots.get(pointer);
    return slot === undefined ? undefined : { key: this.span(slot, 'key'), value: this.span(slot, 'value') };
  }

  private span(slot: number, at: 'key' | 'value'): Span {
    const i = at === 'key' ? slot : slot + 2;
    return this.toSpan([this.offsets[i]!, this.offsets[i + 1]!]);
  }

  /** The span a finding points at; missing paths point at their nearest written ancestor. */
  locate(place: { path: Path; at?: 'key' | 'value' | undefined }): Span {
    this.ensure();
    // nothing deeper was recorded (see MAX_LOCATED_DEPTH): start the walk up at the cut
    const path = place.path.slice(0, MAX_LOCATED_DEPTH + 1);
    const exact = this.slots.get(toPointer(path));
    if (exact !== undefined) return this.span(exact, place.at === 'key' ? 'key' : 'value');
    while (path.length > 0) {
      path.pop();
      const found = this.slots.get(toPointer(path));
      if (found !== undefined) return this.span(found, 'value');
    }
    return INPUT_START;
  }

  locatePointer(pointer: string, at: 'key' | 'value' = 'value'): Span {
    return this.locate({ path: fromPointer(pointer), at });
  }

  /** Every recorded pointer, for tests that check the index covers a document. */
  pointers(): string[] {
    this.ensure();
    return [...this.slots.keys()];
  }
}
