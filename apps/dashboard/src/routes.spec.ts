import { href, parseRoute } from './routes';

describe('dashboard routes', () => {
  it('parses what href builds, ids with any character included', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/health')).toEqual({ page: 'health' });
    expect(parseRoute(href.portfolio().slice(1))).toEqual({ page: 'portfolio' });
    expect(parseRoute(href.retention().slice(1))).toEqual({ page: 'retention' });
    expect(parseRoute(href.start().slice(1))).toEqual({ page: 'start' });
    // Only the pages themselves: not what every object inherits.
    expect(parseRoute('/constructor')).toEqual({ page: 'not-found', path: '/constructor' });
    expect(parseRoute('/portfolio/x')).toEqual({ page: 'not-found', path: '/portfolio/x' });
    const id = 'series/s01 ep:1';
    expect(parseRoute(href.project(id).slice(1))).toEqual({ page: 'project', projectId: id });
    expect(parseRoute(href.artifact('p', 'sh/042').slice(1))).toEqual({
      page: 'artifact',
      projectId: 'p',
      artifactId: 'sh/042',
    });
    expect(parseRoute(href.whatIf(id).slice(1))).toEqual({ page: 'what-if', projectId: id });
    expect(parseRoute('/project/p/how')).toEqual({ page: 'not-found', path: '/project/p/how' });
    expect(parseRoute('/nope/x')).toEqual({ page: 'not-found', path: '/nope/x' });
    expect(parseRoute('/project/%E0%A4%A')).toEqual({
      page: 'not-found',
      path: '/project/%E0%A4%A',
    });
  });
});
