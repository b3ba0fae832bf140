import { useId, useState } from 'react';

/** A labelled, copyable block of code. */
export function CodeBlock({ label, code }: { label: string; code: string }) {
  const id = useId();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <figure className="code-block">
      <figcaption id={id}>
        {label}
        <button type="button" className="ghost" onClick={copy} aria-describedby={id}>
          {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre tabIndex={0} aria-labelledby={id}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
