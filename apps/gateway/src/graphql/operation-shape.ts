import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export interface OperationShape {
  /** Deepest chain of nested fields, through fragment spreads and inline fragments. */
  depth: number;
  /** Selections (fields, spreads, inline fragments) once every fragment is expanded in place. */
  nodes: number;
}

interface SetShape {
  depth: number;
  nodes: number;
}

/**
 * Depth and size of an operation as it will execute: a fragment spread counts as its fragment's
 * selections at the spread's level, an inline fragment as its selections (it is not a field).
 * Each fragment is measured once (memoised), so a document whose fragments double at every level
 * is measured in linear time, its size a large number rather than a long computation. A spread
 * of a fragment that is being expanded (a cycle; graphql-js validation refuses those first)
 * counts as nothing, so the walk always ends.
 */
export function operationShape(
  operation: OperationDefinitionNode,
  document: DocumentNode,
): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    }
  }
  const measured = new Map<string, SetShape>();
  const expanding = new Set<string>();

  const fragmentShape = (name: string): SetShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || expanding.has(name)) return { depth: 0, nodes: 0 };
    expanding.add(name);
    const shape = setShape(fragment.selectionSet);
    expanding.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const setShape = (set: SelectionSetNode): SetShape => {
    let depth = 0;
    let nodes = 0;
    for (const selection of set.selections) {
      nodes += 1;
      switch (selection.kind) {
        case Kind.FIELD: {
          const inner = selection.selectionSet
            ? setShape(selection.selectionSet)
            : { depth: 0, nodes: 0 };
          depth = Math.max(depth, 1 + inner.depth);
          nodes += inner.nodes;
          break;
        }
        case Kind.INLINE_FRAGMENT: {
          const inner = setShape(selection.selectionSet);
          depth = Math.max(depth, inner.depth);
          nodes += inner.nodes;
          break;
        }
        case Kind.FRAGMENT_SPREAD: {
          const inner = fragmentShape(selection.name.value);
          depth = Math.max(depth, inner.depth);
          nodes += inner.nodes;
          break;
        }
      }
    }
    return { depth, nodes };
  };

  return setShape(operation.selectionSet);
}
