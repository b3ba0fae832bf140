jest.setTimeout(240000); // e2e tier: services started as processes
