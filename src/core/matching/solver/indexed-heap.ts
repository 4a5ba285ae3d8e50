/**
 * A binary min-heap of node ids keyed by an external Float64Array, with decrease-key, on typed
 * arrays (no objects per entry). Ties are broken by the smaller node id, so pops are deterministic.
 *
 * Example:
 *   const key = new Float64Array([5, 1, 3]); const heap = new IndexedHeap(3, key);
 *   heap.push(0); heap.push(1); heap.push(2); heap.pop() === 1; key[0] = 2; heap.decrease(0);
 *   heap.pop() === 0
 */
export class IndexedHeap {
  private readonly items: Int32Array;
  private readonly position: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.items = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  /** Number of nodes in the heap. */
  get length(): number {
    return this.size;
  }

  /** The node with the smallest key (the heap must not be empty). */
  peek(): number {
    return this.items[0];
  }

  /** True when the node is currently in the heap. */
  has(node: number): boolean {
    return this.position[node] >= 0;
  }

  /** Inserts a node whose key is already set. */
  push(node: number): void {
    const at = this.size++;
    this.items[at] = node;
    this.position[node] = at;
    this.siftUp(at);
  }

  /** Restores order after the key of a node in the heap went down. */
  decrease(node: number): void {
    this.siftUp(this.position[node]);
  }

  /** Removes and returns the node with the smallest key. */
  pop(): number {
    const items = this.items;
    const top = items[0];
    this.position[top] = -1;
    const last = items[--this.size];
    if (this.size > 0) {
      items[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap (cost proportional to its current size). */
  clear(): void {
    for (let at = 0; at < this.size; at++) this.position[this.items[at]] = -1;
    this.size = 0;
  }

  private siftUp(start: number): void {
    const { items, position, key } = this;
    const node = items[start];
    const nodeKey = key[node];
    let at = start;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = items[parentAt];
      const parentKey = key[parent];
      if (parentKey < nodeKey || (parentKey === nodeKey && parent < node)) break;
      items[at] = parent;
      position[parent] = at;
      at = parentAt;
    }
    items[at] = node;
    position[node] = at;
  }

  private siftDown(start: number): void {
    const { items, position, key } = this;
    const size = this.size;
    const node = items[start];
    const nodeKey = key[node];
    let at = start;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      let childNode = items[child];
      let childKey = key[childNode];
      const right = child + 1;
      if (right < size) {
        const rightNode = items[right];
        const rightKey = key[rightNode];
        if (rightKey < childKey || (rightKey === childKey && rightNode < childNode)) {
          child = right;
          childNode = rightNode;
          childKey = rightKey;
        }
      }
      if (nodeKey < childKey || (nodeKey === childKey && node < childNode)) break;
      items[at] = childNode;
      position[childNode] = at;
      at = child;
    }
    items[at] = node;
    position[node] = at;
  }
}
