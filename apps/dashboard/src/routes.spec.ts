import { href, parseRoute } from './routes';

describe('dashboard routes', () => {
  it('parses what href builds, ids with any character included', () => {
    expect(parseRoute('/')).toEqual({ page: 'home' });
    expect(parseRoute('/health')).toEqual({ page: 'health' });
    const id = 'series/s01 ep:1';
    expect(parseRoute(href.project(id).slice(1))).toEqual({ page: 'project', projectId: id });
    expect(parseRoute(href.artifact('p', 'sh/042').slice(1))).toEqual({
      page: 'artifact',
      projectId: 'p',
      artifactId: 'sh/042',
    });
    expect(parseRoute('/nope/x')).toEqual({ page: 'not-found', path: '/nope/x' });
    expect(parseRoute('/project/%E0%A4%A')).toEqual({
      page: 'not-found',
      path: '/project/%E0%A4%A',
    });
  });
});
