/**
 * The console's own styles, scoped under `.portico-console`, in the shell's theme colours (CSS
 * custom properties that follow light and dark; the fallbacks are the light theme). Badges carry
 * their own background, so their colours hold in both. Tables, inputs and buttons are styled by
 * the shell.
 */
export const consoleStyles = `
.portico-console .console__muted { color: var(--color-muted, #5b6475); display: block; font-size: 13px; }
.portico-console .console__title { display: block; font-weight: 600; }
.portico-console code { font-size: 13px; }
.portico-console .console__versions { list-style: none; margin: 0; padding: 0; }
.portico-console .console__versions li { white-space: nowrap; }
.portico-console .console__badge {
  margin-left: 6px; padding: 0 6px; border-radius: 8px; font-size: 12px; background: #e3f2e8; color: #1b5e20;
}
.portico-console .console__badge--canary { background: #fff4d6; color: #7a4f01; }
.portico-console .console__badge--warn { background: #fde8e8; color: #9b1c1c; }
.portico-console .console__warning { color: var(--color-danger, #b42318); font-size: 13px; }
.portico-console .console__actions { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; }
.portico-console .console__actions form { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
.portico-console .console__actions label { display: flex; flex-direction: column; font-size: 12px; gap: 2px; }
.portico-console .console__actions input { width: 5em; }
.portico-console .console__message { margin: 6px 0 0; font-size: 13px; }
.portico-console .console__message--error { color: var(--color-danger, #b42318); }
`;
