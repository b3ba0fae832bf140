import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { operationShape } from './operation-shape';

function shapeOf(source: string) {
  const document = parse(source);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  return operationShape(operation, document);
}

describe('operation shape', () => {
  it('counts nested fields and selections', () => {
    // project 1 > emissions 2 > co2eG 3; selections: project, emissions, co2eG, id = 4
    expect(shapeOf('{ project(id: "p") { id emissions { co2eG } } }')).toEqual({
      depth: 3,
      nodes: 4,
    });
  });

  it('measures through fragment spreads, as the fields execute', () => {
    // project 1 > artifacts 2 > nodes 3 > emissions 4 > co2eG 5, two of them inside fragments
    const shape = shapeOf(`
      query { project(id: "p") { ...A } }
      fragment A on Project { artifacts { nodes { ...E } } }
      fragment E on Artifact { emissions { co2eG } }`);
    expect(shape.depth).toBe(5);
    // project, ...A, artifacts, nodes, ...E, emissions, co2eG
    expect(shape.nodes).toBe(7);
  });

  it('counts an inline fragment as its selections, not as a level', () => {
    const shape = shapeOf('{ project(id: "p") { ... on Project { emissions { co2eG } } } }');
    expect(shape.depth).toBe(3);
    expect(shape.nodes).toBe(4); // project, inline fragment, emissions, co2eG
  });

  it('sizes fragments that double at every level in linear time, as the large number they are', () => {
    // F0 has one field; F(n) spreads F(n-1) twice: F30 expands to 2^30 fields.
    const fragments = Array.from({ length: 30 }, (_, i) =>
      i === 0
        ? 'fragment F0 on Emissions { co2eG }'
        : `fragment F${i} on Emissions { ...F${i - 1} ...F${i - 1} }`,
    );
    const shape = shapeOf(`{ project(id: "p") { emissions { ...F29 } } } ${fragments.join(' ')}`);
    expect(shape.nodes).toBeGreaterThan(2 ** 29);
    expect(shape.depth).toBe(3);
  });

  it('ends on a fragment cycle (which validation refuses anyway)', () => {
    const shape = shapeOf(`
      { project(id: "p") { ...A } }
      fragment A on Project { emissions { co2eG } ...B }
      fragment B on Project { ...A }`);
    expect(shape.depth).toBe(3);
  });
});
