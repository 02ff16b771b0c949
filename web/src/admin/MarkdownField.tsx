import { useEffect, useState } from 'react';
import { request } from '../api/client';
import { Field } from './form';

/** A markdown textarea with a live preview rendered by the server's own renderer
 *  (POST /api/v1/markdown), so the preview is exactly what the page will show. */
export function MarkdownField({
  label,
  value,
  error,
  onChange,
  rows = 14,
}: {
  label: string;
  value: string;
  error?: string | undefined;
  onChange: (value: string) => void;
  rows?: number;
}) {
  const [html, setHtml] = useState('');
  const [previewError, setPreviewError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      request<{ html: string }>('/api/v1/markdown', {
        method: 'POST',
        body: { markdown: value },
        signal: controller.signal,
      })
        .then(({ data }) => {
          setHtml(data.html);
          setPreviewError(null);
        })
        .catch((e: unknown) => {
          if (!(e instanceof DOMException)) {
            setPreviewError(e instanceof Error ? e.message : 'Preview failed.');
          }
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value]);
  return (
    <div className="markdown-field">
      <Field label={label} error={error} help="Markdown: headings, lists, links, code, tables. Raw HTML is not rendered.">
        {(p) => <textarea {...p} rows={rows} value={value} onChange={(e) => { onChange(e.target.value); }} />}
      </Field>
      <section className="preview" aria-label={`${label}: preview`} aria-live="polite">
        <h3 className="muted">Preview</h3>
        {previewError ? (
          <p className="field-error">{previewError}</p>
        ) : (
          <div className="prose" data-testid="markdown-preview" dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </section>
    </div>
  );
}
