import { useEffect, useId, useState } from 'react';
import { request } from '../api/client';

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
  const id = useId();
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
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <textarea
          id={id}
          rows={rows}
          value={value}
          aria-invalid={Boolean(error)}
          aria-describedby={error ? `${id}-error` : `${id}-help`}
          onChange={(e) => { onChange(e.target.value); }}
        />
        <span id={`${id}-help`} className="muted">
          Markdown: headings, lists, links, code, tables. Raw HTML is not rendered.
        </span>
        {error && (
          <span id={`${id}-error`} className="field-error">
            {error}
          </span>
        )}
      </div>
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
