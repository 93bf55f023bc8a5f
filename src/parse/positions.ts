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

export class PositionIndex {
  private readonly entries = new Map<string, Located & { definitive: boolean }>();
  private fill: ((index: PositionIndex) => void) | undefined;

  /**
   * @param fill records the entries on first use: most documents are clean and never need positions,
   * so the parse tree is walked for them only when something is reported.
   */
  constructor(fill?: (index: PositionIndex) => void) {
    this.fill = fill;
  }

  private ensure(): void {
    const fill = this.fill;
    if (!fill) return;
    this.fill = undefined;
    fill(this);
  }

  /** The first mention wins, except that a definition (key = value, the defining header) beats an implicit mention. */
  record(pointer: string, loc: Located, definitive = false): void {
    const prev = this.entries.get(pointer);
    if (!prev || (definitive && !prev.definitive)) this.entries.set(pointer, { ...loc, definitive });
  }

  get(pointer: string): Located | undefined {
    this.ensure();
    return this.entries.get(pointer);
  }

  /** The span a finding points at; missing paths point at their nearest written ancestor. */
  locate(place: { path: Path; at?: 'key' | 'value' | undefined }): Span {
    this.ensure();
    // nothing deeper was recorded (see MAX_LOCATED_DEPTH): start the walk up at the cut
    const path = place.path.slice(0, MAX_LOCATED_DEPTH + 1);
    const exact = this.entries.get(toPointer(path));
    if (exact) return place.at === 'key' ? exact.key : exact.value;
    while (path.length > 0) {
      path.pop();
      const found = this.entries.get(toPointer(path));
      if (found) return found.value;
    }
    return INPUT_START;
  }

  locatePointer(pointer: string, at: 'key' | 'value' = 'value'): Span {
    return this.locate({ path: fromPointer(pointer), at });
  }

  /** Every recorded pointer, for tests that check the index covers a document. */
  pointers(): string[] {
    this.ensure();
    return [...this.entries.keys()];
  }
}
