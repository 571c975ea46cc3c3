/**
 * Values cached by a pair of objects, keeping neither alive: what compile asks again and again
 * with the same pair (an organization and one of its layers; the break-glass list and a rule's
 * exceptions), worked out once.
 */
export class PairCache<A extends object, B extends object, V> {
  private readonly values = new WeakMap<A, WeakMap<B, V>>();

  /** The value for (a, b), made by `make` the first time it is asked for. */
  get(a: A, b: B, make: () => V): V {
    let byB = this.values.get(a);
    if (!byB) {
      byB = new WeakMap();
      this.values.set(a, byB);
    }
    let value = byB.get(b);
    if (value === undefined) {
      value = make();
      byB.set(b, value);
    }
    return value;
  }
}
