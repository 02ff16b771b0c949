/** A small line of values (null = no data, a gap), scaled to its own range; decorative:
 *  the caller prints the figure it stands for. */
export function Sparkline({ values }: { values: (number | null)[] }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) {
    return null;
  }
  const max = Math.max(...known);
  const min = Math.min(...known);
  const span = max - min || 1;
  const step = 100 / (values.length - 1);
  const segments: string[][] = [[]];
  values.forEach((v, i) => {
    if (v === null) {
      segments.push([]);
      return;
    }
    segments[segments.length - 1]?.push(`${(i * step).toFixed(2)},${(30 - ((v - min) / span) * 28 - 1).toFixed(2)}`);
  });
  return (
    <svg className="sparkline" viewBox="0 0 100 30" preserveAspectRatio="none" aria-hidden="true">
      {segments
        .filter((s) => s.length > 1)
        .map((s) => (
          <polyline key={s[0]} points={s.join(' ')} />
        ))}
    </svg>
  );
}
