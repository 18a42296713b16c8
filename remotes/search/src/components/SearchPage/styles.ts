/**
 * The search remote's own styles, scoped under `.portico-search`, in the shell's theme colours
 * (CSS custom properties that follow light and dark). Inputs and buttons are styled by the shell.
 * A backslash at the end of a line continues the rule on the next one (it adds no character).
 */
export const searchStyles = `
.portico-search__form { display: flex; gap: 12px; margin-bottom: 16px; flex-wrap: wrap; }
.portico-search__form input { flex: 1 1 320px; }
.portico-search__status { color: var(--color-muted); min-height: 1.5em; margin-bottom: 8px; }
.portico-search__error { color: var(--color-danger); }
.portico-search__results { list-style: none; padding: 0; margin: 0 0 16px; display: grid; gap: 12px; }
.portico-search__results li { background: var(--color-surface); border: 1px solid var(--color-border); \
border-radius: 8px; padding: 12px 16px; }
.portico-search__type { display: inline-block; font-size: 12px; font-weight: 600; \
text-transform: uppercase; letter-spacing: 0.04em; color: var(--color-primary); }
.portico-search__title { margin: 4px 0; font-size: 16px; }
.portico-search__meta { margin: 0; color: var(--color-muted); font-size: 13px; }
.portico-search__text { margin: 8px 0 0; }
`;
