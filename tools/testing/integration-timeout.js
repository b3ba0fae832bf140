jest.setTimeout(120000); // integration tier: real broker and databases
