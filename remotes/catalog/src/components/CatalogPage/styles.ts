/**
 * The catalog remote's own styles, scoped under `.portico-catalog`. The table, select and
 * buttons themselves are styled by the shell.
 */
export const catalogStyles = `
.portico-catalog__toolbar { display: flex; align-items: center; gap: 24px; margin-bottom: 16px; flex-wrap: wrap; }
.portico-catalog__filter { display: inline-flex; align-items: center; gap: 8px; font-weight: 600; }
.portico-catalog__filter select { font-weight: 400; }
.portico-catalog__count { color: #5b6475; margin: 0; }
.portico-catalog__name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; }
.portico-catalog table + button { margin-top: 16px; }
.portico-catalog__error { color: #b42318; }
.portico-catalog__nowrap { white-space: nowrap; }
`;
