/**
 * The catalog remote's own styles, scoped under `.portico-catalog`, in the shell's theme colours
 * (CSS custom properties that follow light and dark; the fallbacks are the light theme). The table, select and
 * buttons themselves are styled by the shell.
 */
export const catalogStyles = `
.portico-catalog__toolbar { display: flex; align-items: center; gap: 24px; margin-bottom: 16px; flex-wrap: wrap; }
.portico-catalog__filter { display: inline-flex; align-items: center; gap: 8px; font-weight: 600; }
.portico-catalog__filter select { font-weight: 400; }
.portico-catalog__count { color: var(--color-muted, #5b6475); margin: 0; }
.portico-catalog__name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; }
.portico-catalog table + button { margin-top: 16px; }
.portico-catalog__error { color: var(--color-danger, #b42318); }
.portico-catalog__nowrap { white-space: nowrap; }
.portico-catalog__actions { white-space: nowrap; }
.portico-catalog__refresh { display: inline-flex; align-items: center; gap: 8px; }
.portico-catalog__refresh-done { color: var(--color-muted, #5b6475); font-size: 13px; }
.portico-catalog__refresh-failed { color: var(--color-danger, #b42318); font-size: 13px; white-space: normal; }
`;
