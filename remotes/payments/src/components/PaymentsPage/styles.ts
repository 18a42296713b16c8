/**
 * The payments remote's own styles, scoped under `.portico-payments`, in the shell's theme colours
 * (CSS custom properties that follow light and dark; the fallbacks are the light theme). Plain
 * elements (headings, tables, buttons) are styled by the shell.
 */
export const paymentsStyles = `
.portico-payments__name { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 14px; font-weight: 500; }
.portico-payments__table td:nth-child(2), .portico-payments__table td:nth-child(3) { white-space: nowrap; }
.portico-payments__table a { font-weight: 600; }
.portico-payments__none { color: var(--color-muted, #5b6475); }
.portico-payments__frame {
  display: block; width: 100%; height: 70vh; min-height: 420px;
  border: 1px solid var(--color-border, #d9dde5); border-radius: 8px; background: var(--color-surface, #fff);
}
`;
