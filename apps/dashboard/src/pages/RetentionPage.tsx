import { useCallback, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import {
  DefineRetentionPolicyMutation,
  DeletionRequestsQuery,
  ProjectHoldingsQuery,
  ProjectIdsQuery,
  ReleaseLegalHoldMutation,
  RetentionAuditQuery,
  RetentionPreviewQuery,
  RetentionQuery,
  RetireRetentionPolicyMutation,
  SetLegalHoldMutation,
} from '../queries';
import type { ResultOf } from '../graphql';
import { usePolling } from '../hooks';
import { useHasRole } from '../viewer';
import { formatBytes, formatCo2e, formatCount } from '../lib/format';
import { Co2e } from '../components/Figures';
import { ErrorState, Loading, describeError } from '../components/States';
import { DataTable, Instant } from '../components/DataTable';

type Policy = ResultOf<typeof RetentionQuery>['retentionPolicies'][number];

const utc = (iso: string) => iso.replace('T', ' ').slice(0, 16);

/** A comma-separated list as the API wants it (absent when empty). */
function list(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
}

/** What a policy selects, in words. */
function describeSelector(s: Policy['selector']): string {
  const parts: string[] = [];
  if (s.projectIds?.length) parts.push(`projects ${s.projectIds.join(', ')}`);
  if (s.artifactKinds?.length) parts.push(`kinds ${s.artifactKinds.join(', ')}`);
  if (s.statuses?.length) parts.push(`statuses ${s.statuses.join(', ')}`);
  if (s.storageSystems?.length) parts.push(`on ${s.storageSystems.join(', ')}`);
  if (s.media?.length) parts.push(`media ${s.media.join(', ')}`);
  if (s.minBytes != null) parts.push(`≥ ${formatBytes(s.minBytes)} per holding`);
  if (s.minAgeDays != null) {
    parts.push(
      `≥ ${s.minAgeDays} days since ${s.ageBasis === 'STATUS_CHANGE' ? 'the last status change' : 'the last activity'}`,
    );
  }
  return parts.length ? parts.join('; ') : 'every holding';
}

/**
 * Retention (docs/retention.md): policies with their dry run (avoided kg CO2e a year), legal
 * holds, holdings per project, and the audit trail. Actions show only for `admin` keys; the API
 * enforces the roles anyway.
 */
export function RetentionPage() {
  const [includeRetired, setIncludeRetired] = useState(false);
  const [{ data, error }, refresh] = useQuery({
    query: RetentionQuery,
    variables: { includeRetired },
  });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const isAdmin = useHasRole('admin');
  const [previewing, setPreviewing] = useState<string>();

  return (
    <>
      <h1>Retention</h1>
      <p className="lede">
        What the tenant keeps on storage, what its policies would move or delete, and the emissions
        that would avoid from then on. Avoided emissions are shown beside emissions, never
        subtracted from them. Nothing here deletes anything: previews are dry runs.
      </p>

      <section className="card" aria-labelledby="policies-heading">
        <h2 id="policies-heading">Policies</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={includeRetired}
            onChange={(ev) => setIncludeRetired(ev.target.checked)}
          />{' '}
          Show retired policies
        </label>
        {!data ? (
          error ? (
            <ErrorState error={error} what="the retention policies" />
          ) : (
            <Loading what="the retention policies" />
          )
        ) : data.retentionPolicies.length === 0 ? (
          <p data-testid="no-policies">No retention policy yet.</p>
        ) : (
          <table data-testid="policy-table">
            <thead>
              <tr>
                <th scope="col">Policy</th>
                <th scope="col">Action</th>
                <th scope="col">Selects</th>
                <th scope="col" className="n">
                  Grace
                </th>
                <th scope="col">Defined (UTC)</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.retentionPolicies.map((p) => (
                <tr key={p.id} data-policy={p.id}>
                  <th scope="row">
                    {p.name}
                    {p.retiredAt ? <span className="tag"> retired {utc(p.retiredAt)}</span> : null}
                  </th>
                  <td>{p.action === 'MOVE' ? `move to ${p.toMedia ?? '?'}` : 'delete'}</td>
                  <td>{describeSelector(p.selector)}</td>
                  <td className="n">{p.graceDays} days</td>
                  <td>
                    {utc(p.definedAt)} <span className="muted small">by {p.definedBy}</span>
                  </td>
                  <td>
                    <div className="buttons">
                      {!p.retiredAt ? (
                        <button
                          type="button"
                          className="ghost"
                          aria-expanded={previewing === p.id}
                          onClick={() => setPreviewing(previewing === p.id ? undefined : p.id)}
                        >
                          Preview <span className="sr-only">{p.name}</span>
                        </button>
                      ) : null}
                      {isAdmin && !p.retiredAt ? <RetirePolicy policy={p} /> : null}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {previewing ? <Preview policyId={previewing} /> : null}
        {isAdmin ? <DefinePolicy /> : null}
      </section>

      <section className="card" aria-labelledby="deletions-heading">
        <h2 id="deletions-heading">Deletion requests</h2>
        <DeletionRequests />
      </section>

      <section className="card" aria-labelledby="holds-heading">
        <h2 id="holds-heading">Legal holds</h2>
        <p className="hint">
          A held artifact, and everything feeding it, is never a retention candidate.
        </p>
        {!data ? null : data.legalHolds.length === 0 ? (
          <p data-testid="no-holds">No legal hold in force.</p>
        ) : (
          <DataTable
            testId="hold-table"
            rows={data.legalHolds}
            rowKey={(h) => `${h.projectId}/${h.artifactId}`}
            columns={[
              { header: 'Artifact', rowHeader: true, className: 'mono', cell: (h) => h.artifactId },
              { header: 'Project', className: 'mono', cell: (h) => h.projectId },
              { header: 'Reason', cell: (h) => h.reason },
              {
                header: 'Set (UTC)',
                cell: (h) => (
                  <>
                    {utc(h.setAt)} <span className="muted small">by {h.setBy}</span>
                  </>
                ),
              },
              ...(isAdmin
                ? [
                    {
                      header: <span className="sr-only">Actions</span>,
                      cell: (h: (typeof data.legalHolds)[number]) => (
                        <ReleaseHold projectId={h.projectId} artifactId={h.artifactId} />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
        {isAdmin ? <SetHold /> : null}
      </section>

      <Holdings />
      <Audit />
    </>
  );
}

/** The dry run of one policy: totals, avoided kg CO2e a year (band), the first candidates. */
function Preview({ policyId }: { policyId: string }) {
  const [{ data, error }] = useQuery({
    query: RetentionPreviewQuery,
    variables: { policyId },
    requestPolicy: 'network-only',
  });
  if (!data) {
    return error ? <ErrorState error={error} what="the preview" /> : <Loading what="the preview" />;
  }
  const p = data.retentionPreview;
  if (!p) return <p role="status">This policy no longer selects anything (retired or unknown).</p>;
  const avoided = p.avoidedKgCo2ePerYear;
  return (
    <div className="preview" data-testid="retention-preview" role="region" aria-label="Preview">
      <h3>Preview: if it were applied now</h3>
      <dl className="stats">
        <div className="stat">
          <dt>Avoided a year</dt>
          <dd>
            <span className="stat-value">
              <Co2e grams={avoided.nominal * 1000} testId="preview-avoided" />
            </span>
            <span className="stat-note">
              range {formatCo2e(avoided.low * 1000)} – {formatCo2e(avoided.high * 1000)} a year
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Candidates</dt>
          <dd>
            <span className="stat-value">
              <data className="num" value={p.candidateCount} data-testid="preview-candidates">
                {formatCount(p.candidateCount)}
              </data>
            </span>
            <span className="stat-note">
              {formatBytes(p.bytes)}, <Co2e grams={p.co2eGPerDay.nominal} /> a day now
            </span>
          </dd>
        </div>
        <div className="stat">
          <dt>Protected</dt>
          <dd>
            <span className="stat-value">
              <data className="num" value={p.excludedLegalHold} data-testid="preview-held">
                {formatCount(p.excludedLegalHold)}
              </data>
            </span>
            <span className="stat-note">
              under a legal hold; {formatCount(p.excludedProtectedByStatus)} final or delivered
            </span>
          </dd>
        </div>
      </dl>
      {p.candidates.length > 0 ? (
        <table data-testid="candidate-table">
          <caption>
            The first {formatCount(p.candidates.length)} of {formatCount(p.candidateCount)}{' '}
            candidates, by project and artifact
          </caption>
          <thead>
            <tr>
              <th scope="col">Artifact</th>
              <th scope="col">Project</th>
              <th scope="col" className="n">
                Bytes
              </th>
              <th scope="col" className="n">
                Avoided a year
              </th>
            </tr>
          </thead>
          <tbody>
            {p.candidates.map((c) => (
              <tr key={`${c.projectId}/${c.artifactId}`}>
                <th scope="row" className="mono">
                  {c.artifactId}
                </th>
                <td className="mono">{c.projectId}</td>
                <td className="n">{formatBytes(c.bytes)}</td>
                <td className="n">
                  <Co2e grams={c.avoidedKgCo2ePerYear.nominal * 1000} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

function ActionResult({ problem, done }: { problem?: string; done?: string }) {
  if (problem)
    return (
      <p className="field-error" role="alert">
        {problem}
      </p>
    );
  if (done) return <p role="status">{done}</p>;
  return null;
}

/** Admin: retire a policy (it selects nothing from then on). */
function RetirePolicy({ policy }: { policy: Policy }) {
  const [result, retire] = useMutation(RetireRetentionPolicyMutation);
  const [problem, setProblem] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="ghost"
        data-testid="action-retire-policy"
        disabled={result.fetching || !!result.data}
        onClick={async () => {
          if (!window.confirm(`Retire the policy "${policy.name}"?`)) return;
          const answer = await retire({
            policyId: policy.id,
            reason: 'retired from the dashboard',
          });
          setProblem(answer.error ? describeError(answer.error).message : undefined);
        }}
      >
        Retire <span className="sr-only">{policy.name}</span>
      </button>
      <ActionResult
        problem={problem}
        done={result.data ? 'Retired; shown once projected.' : undefined}
      />
    </>
  );
}

/** Admin: define a policy (an event on the log; listed once the projector has it). */
function DefinePolicy() {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    name: '',
    action: 'DELETE' as 'DELETE' | 'MOVE',
    toMedia: 'tape',
    graceDays: '30',
    minAgeDays: '',
    ageBasis: 'LAST_ACTIVITY' as 'LAST_ACTIVITY' | 'STATUS_CHANGE',
    statuses: 'rejected',
    storageSystems: '',
    media: '',
    projectIds: '',
    reason: '',
  });
  const [problem, setProblem] = useState<string>();
  const [result, define] = useMutation(DefineRetentionPolicyMutation);
  const set = (key: keyof typeof form) => (ev: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: ev.target.value }));
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="action-define-policy">
        Define a policy…
      </button>
    );
  }
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const graceDays = Number(form.graceDays);
    if (!Number.isInteger(graceDays) || graceDays < 0 || graceDays > 3650) {
      setProblem('Grace days: a whole number from 0 to 3650.');
      return;
    }
    const minAgeDays = form.minAgeDays.trim() === '' ? undefined : Number(form.minAgeDays);
    if (minAgeDays !== undefined && !(minAgeDays >= 0)) {
      setProblem('Minimum age: a number of days, 0 or more.');
      return;
    }
    setProblem(undefined);
    const answer = await define({
      input: {
        name: form.name,
        action: form.action,
        ...(form.action === 'MOVE' ? { toMedia: form.toMedia } : {}),
        graceDays,
        ...(form.reason ? { reason: form.reason } : {}),
        selector: {
          statuses: list(form.statuses),
          storageSystems: list(form.storageSystems),
          media: list(form.media),
          projectIds: list(form.projectIds),
          ...(minAgeDays !== undefined ? { minAgeDays, ageBasis: form.ageBasis } : {}),
        },
      },
    });
    if (answer.error) setProblem(describeError(answer.error).message);
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Define a retention policy">
      <label htmlFor="rp-name">Name</label>
      <input id="rp-name" value={form.name} onChange={set('name')} required maxLength={200} />
      <label htmlFor="rp-action">Action</label>
      <select id="rp-action" value={form.action} onChange={set('action')}>
        <option value="DELETE">Delete the holding</option>
        <option value="MOVE">Move it to another media tier</option>
      </select>
      {form.action === 'MOVE' ? (
        <>
          <label htmlFor="rp-to">Target media</label>
          <select id="rp-to" value={form.toMedia} onChange={set('toMedia')}>
            {['tape', 'hdd', 'object', 'ssd'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </>
      ) : null}
      <label htmlFor="rp-grace">Grace days (0–3650)</label>
      <input id="rp-grace" inputMode="numeric" value={form.graceDays} onChange={set('graceDays')} />
      <label htmlFor="rp-statuses">Statuses (comma-separated)</label>
      <input id="rp-statuses" value={form.statuses} onChange={set('statuses')} />
      <label htmlFor="rp-systems">Storage systems (comma-separated, optional)</label>
      <input id="rp-systems" value={form.storageSystems} onChange={set('storageSystems')} />
      <label htmlFor="rp-media">Media (ssd, hdd, tape, object; optional)</label>
      <input id="rp-media" value={form.media} onChange={set('media')} />
      <label htmlFor="rp-projects">Project ids (comma-separated, optional)</label>
      <input id="rp-projects" value={form.projectIds} onChange={set('projectIds')} />
      <label htmlFor="rp-age">Minimum age in days (optional)</label>
      <input id="rp-age" inputMode="decimal" value={form.minAgeDays} onChange={set('minAgeDays')} />
      <label htmlFor="rp-basis">Age measured from</label>
      <select id="rp-basis" value={form.ageBasis} onChange={set('ageBasis')}>
        <option value="LAST_ACTIVITY">the last activity</option>
        <option value="STATUS_CHANGE">the last status change</option>
      </select>
      <label htmlFor="rp-reason">Reason (kept in the audit trail)</label>
      <input id="rp-reason" value={form.reason} onChange={set('reason')} maxLength={500} />
      <ActionResult
        problem={problem}
        done={result.data ? 'Defined; listed once projected.' : undefined}
      />
      <div className="buttons">
        <button type="submit" disabled={result.fetching}>
          Define
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Admin: release a legal hold. */
function ReleaseHold({ projectId, artifactId }: { projectId: string; artifactId: string }) {
  const [result, release] = useMutation(ReleaseLegalHoldMutation);
  const [problem, setProblem] = useState<string>();
  return (
    <>
      <button
        type="button"
        className="ghost"
        data-testid="action-release-hold"
        disabled={result.fetching || !!result.data}
        onClick={async () => {
          if (!window.confirm(`Release the legal hold on ${artifactId}?`)) return;
          const answer = await release({
            projectId,
            artifactId,
            reason: 'released from the dashboard',
          });
          setProblem(answer.error ? describeError(answer.error).message : undefined);
        }}
      >
        Release <span className="sr-only">the hold on {artifactId}</span>
      </button>
      <ActionResult problem={problem} done={result.data ? 'Released.' : undefined} />
    </>
  );
}

/** Admin: put an artifact (and everything feeding it) under a legal hold. */
function SetHold() {
  const [open, setOpen] = useState(false);
  const [projectId, setProjectId] = useState('');
  const [artifactId, setArtifactId] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string>();
  const [result, hold] = useMutation(SetLegalHoldMutation);
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} data-testid="action-set-hold">
        Set a legal hold…
      </button>
    );
  }
  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const answer = await hold({
      projectId: projectId.trim(),
      artifactId: artifactId.trim(),
      reason,
    });
    setProblem(answer.error ? describeError(answer.error).message : undefined);
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="Set a legal hold">
      <label htmlFor="lh-project">Project id</label>
      <input
        id="lh-project"
        value={projectId}
        onChange={(e) => setProjectId(e.target.value)}
        required
      />
      <label htmlFor="lh-artifact">Artifact id</label>
      <input
        id="lh-artifact"
        value={artifactId}
        onChange={(e) => setArtifactId(e.target.value)}
        required
      />
      <label htmlFor="lh-reason">Reason</label>
      <input
        id="lh-reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        maxLength={500}
      />
      <ActionResult
        problem={problem}
        done={result.data ? 'Hold set; listed once projected.' : undefined}
      />
      <div className="buttons">
        <button type="submit" disabled={result.fetching}>
          Set the hold
        </button>
        <button type="button" className="ghost" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** What a project holds, per storage system and media. */
function Holdings() {
  const [{ data: ids }] = useQuery({ query: ProjectIdsQuery });
  const [chosen, setChosen] = useState<string>();
  const projectId = chosen ?? ids?.projects.nodes[0]?.id;
  const [{ data, error }] = useQuery({
    query: ProjectHoldingsQuery,
    variables: { id: projectId ?? '' },
    pause: !projectId,
  });
  const holdings = data?.project?.holdings ?? [];
  return (
    <section className="card" aria-labelledby="holdings-heading">
      <h2 id="holdings-heading">Holdings</h2>
      {!ids ? (
        <Loading what="the projects" />
      ) : ids.projects.nodes.length === 0 ? (
        <p>No project yet.</p>
      ) : (
        <>
          <label>
            Project{' '}
            <select value={projectId} onChange={(ev) => setChosen(ev.target.value)}>
              {ids.projects.nodes.map((p) => (
                <option key={p.id}>{p.id}</option>
              ))}
            </select>
          </label>
          {error ? (
            <ErrorState error={error} what="the holdings" />
          ) : !data ? (
            <Loading what="the holdings" />
          ) : holdings.length === 0 ? (
            <p data-testid="no-holdings">
              No holdings: storage spans need <code>greenops.artifact.id</code> and{' '}
              <code>greenops.storage.system</code> to keep one.
            </p>
          ) : (
            <DataTable
              testId="holdings-table"
              rows={holdings}
              rowKey={(h) => `${h.storageSystem}/${h.media}`}
              columns={[
                {
                  header: 'Storage system',
                  rowHeader: true,
                  className: 'mono',
                  cell: (h) => h.storageSystem,
                },
                { header: 'Media', cell: (h) => h.media },
                { header: 'Artifacts', numeric: true, cell: (h) => formatCount(h.artifacts) },
                {
                  header: 'Bytes',
                  numeric: true,
                  cell: (h) => (
                    <data className="num" value={h.bytes}>
                      {formatBytes(h.bytes)}
                    </data>
                  ),
                },
                {
                  header: 'CO₂e a day',
                  numeric: true,
                  cell: (h) => <Co2e grams={h.co2eGPerDay.nominal} testId="holding-rate" />,
                },
              ]}
            />
          )}
        </>
      )}
    </section>
  );
}

/** The append-only audit trail, oldest first, 50 at a time. */
function Audit() {
  const [pages, setPages] = useState<(string | undefined)[]>([undefined]);
  return (
    <section className="card" aria-labelledby="audit-heading">
      <h2 id="audit-heading">Audit trail</h2>
      <table data-testid="audit-table">
        <caption className="sr-only">Retention actions, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">When (UTC)</th>
            <th scope="col">Action</th>
            <th scope="col">Subject</th>
            <th scope="col">Reason</th>
            <th scope="col">Key</th>
          </tr>
        </thead>
        {pages.map((after, i) => (
          <AuditPage
            key={after ?? 'first'}
            after={after}
            onMore={
              i === pages.length - 1 ? (cursor) => setPages((p) => [...p, cursor]) : undefined
            }
          />
        ))}
      </table>
    </section>
  );
}

function AuditPage({ after, onMore }: { after?: string; onMore?: (cursor: string) => void }) {
  const [{ data, error }] = useQuery({ query: RetentionAuditQuery, variables: { after } });
  if (!data) {
    return (
      <tbody>
        <tr>
          <td colSpan={5}>
            {error ? describeError(error).message : <Loading what="the audit trail" />}
          </td>
        </tr>
      </tbody>
    );
  }
  const page = data.retentionAudit;
  return (
    <tbody>
      {page.records.length === 0 && !after ? (
        <tr>
          <td colSpan={5}>No retention action yet.</td>
        </tr>
      ) : null}
      {page.records.map((r) => (
        <tr key={r.cursor}>
          <td>{utc(r.occurredAt)}</td>
          <th scope="row">{r.action.toLowerCase().replace(/_/g, ' ')}</th>
          <td className="mono">
            {r.subject ?? '–'}
            {r.projectId ? <span className="muted small"> in {r.projectId}</span> : null}
          </td>
          <td>{r.reason ?? '–'}</td>
          <td className="mono small">{r.keyId}</td>
        </tr>
      ))}
      {onMore && page.hasNextPage && page.endCursor ? (
        <tr>
          <td colSpan={5}>
            <button type="button" className="ghost" onClick={() => onMore(page.endCursor!)}>
              Show more
            </button>
          </td>
        </tr>
      ) : null}
    </tbody>
  );
}

/** As many as DeletionRequestsQuery asks for. */
const DELETION_REQUESTS_SHOWN = 50;
const REQUEST_STATUSES = ['PENDING', 'OVERDUE', 'CONFIRMED', 'FAILED'] as const;
type RequestStatus = (typeof REQUEST_STATUSES)[number];
const REQUEST_ACTIONS = ['DELETE', 'MOVE'] as const;
type RequestAction = (typeof REQUEST_ACTIONS)[number];

/**
 * Deletion requests (docs/retention.md, "Deadlines"): pending, overdue, confirmed and failed,
 * oldest first, filtered by storage system and status by the API (`deletionRequests`).
 */
function DeletionRequests() {
  const [systemDraft, setSystemDraft] = useState('');
  const [system, setSystem] = useState<string>();
  const [status, setStatus] = useState<RequestStatus | ''>('');
  const [action, setAction] = useState<RequestAction>('DELETE');
  const [{ data, error }, refresh] = useQuery({
    query: DeletionRequestsQuery,
    variables: { system: system ?? null, status: status || null, action },
  });
  const poll = useCallback(() => refresh({ requestPolicy: 'network-only' }), [refresh]);
  usePolling(poll);
  const requests = data?.deletionRequests;
  return (
    <>
      <form
        className="inline-form"
        aria-label="Filter deletion requests"
        onSubmit={(e) => {
          e.preventDefault();
          setSystem(systemDraft.trim() || undefined);
        }}
      >
        <label htmlFor="dr-system">Storage system</label>
        <input
          id="dr-system"
          value={systemDraft}
          placeholder="any"
          onChange={(e) => setSystemDraft(e.target.value)}
        />
        <label htmlFor="dr-status">Status</label>
        <select
          id="dr-status"
          value={status}
          onChange={(e) => setStatus(e.target.value as RequestStatus | '')}
        >
          <option value="">Any</option>
          {REQUEST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s.toLowerCase()}
            </option>
          ))}
        </select>
        <label htmlFor="dr-action">Action</label>
        <select
          id="dr-action"
          value={action}
          onChange={(e) => setAction(e.target.value as RequestAction)}
        >
          {REQUEST_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {a === 'MOVE' ? 'moves to another tier' : 'deletions'}
            </option>
          ))}
        </select>
        <button type="submit">Filter</button>
      </form>
      {!requests ? (
        error ? (
          <ErrorState error={error} what="deletion requests" />
        ) : (
          <Loading what="deletion requests" />
        )
      ) : requests.length === 0 ? (
        <p data-testid="no-deletion-requests">
          No {action === 'MOVE' ? 'move' : 'deletion'} request
          {system || status ? ' matches these filters' : ' yet'}. Enforcing a {action} policy sends
          one per holding; media holders answer them (docs/retention.md).
        </p>
      ) : (
        <DataTable
          testId="deletion-request-table"
          rowTestId="deletion-request"
          caption={`${formatCount(requests.length)} request${requests.length === 1 ? '' : 's'}, oldest first${requests.length === DELETION_REQUESTS_SHOWN ? ` (the first ${DELETION_REQUESTS_SHOWN})` : ''}`}
          rows={requests}
          rowKey={(r) => r.requestId}
          columns={[
            { header: 'System', cell: (r) => <code>{r.storageSystem}</code>, testId: 'dr-system' },
            {
              header: 'Artifact',
              rowHeader: true,
              testId: 'dr-artifact',
              cell: (r) => (
                <>
                  {r.artifactId} <span className="muted small">{r.projectId}</span>
                </>
              ),
            },
            ...(action === 'MOVE'
              ? [
                  {
                    header: 'Tiers',
                    testId: 'dr-tiers',
                    cell: (r: (typeof requests)[number]) =>
                      `${r.fromMedia ?? '?'} → ${r.toMedia ?? '?'}`,
                  },
                ]
              : []),
            {
              header: 'Bytes',
              numeric: true,
              testId: 'dr-bytes',
              cell: (r) => <data value={r.bytes}>{formatBytes(r.bytes)}</data>,
            },
            {
              header: 'Deadline (UTC)',
              testId: 'dr-deadline',
              cell: (r) => <Instant iso={r.deadline} />,
            },
            {
              header: 'Status',
              testId: 'dr-status',
              cell: (r) => (
                <>
                  <span className={`tag tag-${r.status.toLowerCase()}`}>
                    {r.status.toLowerCase()}
                  </span>
                  {r.answerReason ? <span className="muted small"> {r.answerReason}</span> : null}
                </>
              ),
            },
            { header: 'Sends', numeric: true, cell: (r) => formatCount(r.sendCount) },
          ]}
        />
      )}
    </>
  );
}
