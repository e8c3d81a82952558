// The requester's case page: upload progress, and a quiet look at the case while it waits on the service.
// Everything here is an extra: without scripts the forms post as they are and the page refreshes itself.
'use strict';

(function () {
  const statusPanel = document.querySelector('[data-case-status]');

  // While the case waits on the service (analysis, review, appointment), look again every few seconds and
  // reload only when its state moved on, so that a person reading is not interrupted for nothing.
  if (statusPanel && statusPanel.hasAttribute('data-refresh')) {
    const seconds = Number(statusPanel.getAttribute('data-refresh')) || 5;
    const shown = statusPanel.getAttribute('data-case-status');
    const params = new URLSearchParams(window.location.search);
    const token = params.get('token');
    const reference = window.location.pathname.split('/').pop();
    const look = async () => {
      if (document.hidden) return;
      try {
        const response = await fetch('/api/recovery-requests/' + encodeURIComponent(reference), {
          headers: { authorization: 'Bearer ' + token, accept: 'application/json' },
          cache: 'no-store',
        });
        if (!response.ok) return;
        const status = await response.json();
        if (status.status !== shown) window.location.reload();
      } catch {
        // Offline for a moment: the next look will tell.
      }
    };
    if (token && reference) window.setInterval(look, seconds * 1000);
  }

  // The upload: the same form, sent in the background so that its progress can be shown.
  for (const form of document.querySelectorAll('form[data-upload]')) {
    form.addEventListener('submit', (event) => {
      const input = form.querySelector('input[type="file"]');
      if (!input || !input.files || input.files.length === 0) return;
      event.preventDefault();
      const box = form.querySelector('.upload-progress');
      const bar = box && box.querySelector('progress');
      const said = box && box.querySelector('[role="status"]');
      const button = form.querySelector('button[type="submit"]');
      if (box) box.hidden = false;
      if (button) button.disabled = true;
      const request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.upload.addEventListener('progress', (progress) => {
        if (!progress.lengthComputable || !bar) return;
        const percent = Math.round((progress.loaded / progress.total) * 100);
        bar.value = percent;
        if (said) said.textContent = said.getAttribute('data-uploading') + ' ' + percent + '%';
      });
      // The server answers with the case page's address (a redirect the browser followed): go there.
      request.addEventListener('load', () =>
        window.location.assign(request.responseURL || window.location.href),
      );
      request.addEventListener('error', () => form.submit());
      request.send(new FormData(form));
    });
  }
})();
