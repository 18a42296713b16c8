// Module federation negotiates the shared singletons (React, the router, Backstage's plugin
// APIs) asynchronously, so nothing that imports them may run before this boundary.
import('./bootstrap').catch((error: unknown) => {
  const root = document.getElementById('root');
  if (root) {
    root.innerHTML = '';
    const message = document.createElement('p');
    message.setAttribute('role', 'alert');
    message.className = 'boot-splash';
    message.textContent = `Portico could not start: ${error instanceof Error ? error.message : String(error)}`;
    root.append(message);
  }
});
