/** A placeholder shown while a page's content loads; announced to assistive technology. */
export function Skeleton(props: { label: string; testId?: string; lines?: number }) {
  const lines = props.lines ?? 4;
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-busy="true" data-testid={props.testId}>
      <span className="visually-hidden">{props.label}</span>
      <div className="skeleton__bar skeleton__bar--title" aria-hidden="true" />
      {Array.from({ length: lines }, (_, index) => (
        <div key={index} className="skeleton__bar" aria-hidden="true" style={{ width: `${90 - index * 12}%` }} />
      ))}
    </div>
  );
}
