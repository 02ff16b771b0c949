import type { FieldErrors, LinkInput } from './rules';

/** A list of {label, url} rows with add and remove; errors by "links/<i>/<member>". */
export function LinksEditor({
  links,
  errors,
  onChange,
}: {
  links: LinkInput[];
  errors: FieldErrors;
  onChange: (links: LinkInput[]) => void;
}) {
  const set = (i: number, member: keyof LinkInput, value: string) => {
    onChange(links.map((l, j) => (j === i ? { ...l, [member]: value } : l)));
  };
  return (
    <fieldset className="links-editor">
      <legend>Links</legend>
      {errors.links && <p className="field-error">{errors.links}</p>}
      {links.map((l, i) => {
        const labelError = errors[`links/${i}/label`];
        const urlError = errors[`links/${i}/url`];
        return (
          <div key={i} className="link-row">
            <div className="field">
              <label htmlFor={`link-${i}-label`}>Label {i + 1}</label>
              <input
                id={`link-${i}-label`}
                value={l.label}
                aria-invalid={Boolean(labelError)}
                aria-describedby={labelError ? `link-${i}-label-error` : undefined}
                onChange={(e) => { set(i, 'label', e.target.value); }}
              />
              {labelError && <span id={`link-${i}-label-error`} className="field-error">{labelError}</span>}
            </div>
            <div className="field">
              <label htmlFor={`link-${i}-url`}>URL {i + 1}</label>
              <input
                id={`link-${i}-url`}
                type="url"
                value={l.url}
                aria-invalid={Boolean(urlError)}
                aria-describedby={urlError ? `link-${i}-url-error` : undefined}
                onChange={(e) => { set(i, 'url', e.target.value); }}
              />
              {urlError && <span id={`link-${i}-url-error`} className="field-error">{urlError}</span>}
            </div>
            <button type="button" className="button" onClick={() => { onChange(links.filter((_, j) => j !== i)); }}>
              Remove<span className="visually-hidden"> link {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" className="button" onClick={() => { onChange([...links, { label: '', url: '' }]); }}>
        Add a link
      </button>
    </fieldset>
  );
}
