import { useContext, useState, type FormEvent } from 'react';
import { ViewerContext } from '../viewer';
import { recentProjects } from '../session';
import { href } from '../routes';
import type { ClientConfig } from '../hooks';
import { FirstSpan } from '../components/FirstSpan';

/** Project ids: what greenops.project.id accepts (docs/semantic-conventions.md). */
const PROJECT_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/;

/** Start page: open a project by id (or a recent one); how to send the first span. */
export function Home({ config }: { config: ClientConfig | undefined }) {
  const [id, setId] = useState('');
  const [problem, setProblem] = useState<string>();
  const tenant = useContext(ViewerContext)?.tenant;
  const recent = tenant ? recentProjects(tenant) : [];
  const open = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = id.trim();
    if (!PROJECT_ID.test(trimmed)) {
      setProblem(
        'A project id is 1–200 letters, digits, ".", "_", "-" or ":", starting with a letter or digit.',
      );
      return;
    }
    window.location.hash = href.project(trimmed);
  };
  return (
    <>
      <h1>Projects</h1>
      <section className="card" aria-labelledby="open-heading">
        <h2 id="open-heading">Open a project</h2>
        <form onSubmit={open} className="inline-form" noValidate>
          <label htmlFor="project-id">Project id (greenops.project.id)</label>
          <input
            id="project-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            placeholder="series-s01"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? 'project-id-problem' : undefined}
          />
          <button type="submit">Open</button>
          {problem ? (
            <p id="project-id-problem" className="field-error">
              {problem}
            </p>
          ) : null}
        </form>
        {recent.length > 0 ? (
          <>
            <h3>Recently opened</h3>
            <ul className="chips">
              {recent.map((p) => (
                <li key={p}>
                  <a href={href.project(p)}>{p}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>
      <FirstSpan config={config} projectId={id.trim() || 'series-s01'} />
    </>
  );
}
