// Brief page: a "Copy link" button for the share links. The other share links are
// plain links and work without this script; the button stays hidden without it.
(() => {
  "use strict";

  const copyWithSelection = (text) => {
    const field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.className = "visually-hidden";
    document.body.append(field);
    field.select();
    let copied = false;
    try {
      copied = document.execCommand("copy");
    } catch {
      copied = false;
    }
    field.remove();
    return copied;
  };

  const copy = async (text) => {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        // Permission refused: fall through to the older way.
      }
    }
    return copyWithSelection(text);
  };

  for (const button of document.querySelectorAll("[data-copy-link]")) {
    const status = button.closest("section")?.querySelector("[data-copy-status]");
    button.hidden = false;
    button.addEventListener("click", async () => {
      const copied = await copy(button.dataset.copyLink);
      if (status) {
        status.textContent = copied ? button.dataset.copied : button.dataset.failed;
      }
      button.classList.toggle("is-done", copied);
    });
  }
})();
