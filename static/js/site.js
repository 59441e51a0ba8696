// StateUp site script: progressive enhancements only; every page works without it.
(() => {
  "use strict";

  // Forms and signup ----------------------------------------------------------
  // Forms marked data-async-form (the signup blocks and the contact form) are sent
  // with fetch and the server's JSON answer is shown inline, in the form's
  // aria-live status region. Without this script the same forms post normally
  // and the server answers with a redirect and a message.

  const ERROR_SUFFIX = "_error";

  const fieldWrapper = (form, name) => {
    const prefix = form.id.replace(/-form$/, "-");
    return form.querySelector(`#div_${CSS.escape(prefix + name)}`);
  };

  const describedBy = (element, id, add) => {
    const ids = (element.getAttribute("aria-describedby") || "")
      .split(/\s+/)
      .filter((value) => value && value !== id);
    if (add) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  };

  const clearErrors = (form) => {
    form.querySelectorAll(".invalid-feedback").forEach((node) => node.remove());
    form.querySelectorAll('[aria-invalid="true"]').forEach((control) => {
      control.removeAttribute("aria-invalid");
      control.classList.remove("is-invalid");
      if (control.id) describedBy(control, control.id + ERROR_SUFFIX, false);
    });
    form.querySelectorAll("fieldset[aria-describedby]").forEach((group) => {
      group.getAttribute("aria-describedby").split(/\s+/).forEach((id) => {
        if (id.endsWith(ERROR_SUFFIX)) describedBy(group, id, false);
      });
    });
  };

  const showFieldErrors = (form, errors) => {
    let first = null;
    Object.entries(errors || {}).forEach(([name, messages]) => {
      const wrapper = fieldWrapper(form, name);
      if (!wrapper || !Array.isArray(messages) || !messages.length) return;
      const controls = wrapper.querySelectorAll("input, textarea, select");
      if (!controls.length) return;
      const errorId = `${form.id.replace(/-form$/, "-")}${name}${ERROR_SUFFIX}`;
      const feedback = document.createElement("div");
      feedback.className = "invalid-feedback";
      feedback.id = errorId;
      messages.forEach((message) => {
        const line = document.createElement("p");
        line.textContent = message;
        feedback.appendChild(line);
      });
      const group = wrapper.querySelector("fieldset");
      (group || wrapper.querySelector(".form-check") || wrapper).appendChild(feedback);
      if (group) describedBy(group, errorId, true);
      controls.forEach((control) => {
        control.setAttribute("aria-invalid", "true");
        control.classList.add("is-invalid");
        if (!group) describedBy(control, errorId, true);
      });
      first = first || controls[0];
    });
    // Focus the first invalid field in the order the form shows them.
    const ordered = Array.from(form.elements).find(
      (control) => control.getAttribute("aria-invalid") === "true",
    );
    return ordered || first;
  };

  const enhance = (form) => {
    const status = form.querySelector(".form-status");
    const button = form.querySelector('[type="submit"]');
    if (!status || !button || !window.fetch || !window.FormData) return;
    // The server's messages are more specific than the browser's own bubbles.
    form.noValidate = true;

    const say = (text, kind) => {
      status.textContent = text;
      status.className = `form-status form-status--${kind}`;
    };

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (form.getAttribute("aria-busy") === "true") return;
      const token = form.querySelector('input[name="csrfmiddlewaretoken"]');
      form.setAttribute("aria-busy", "true");
      button.disabled = true;
      say(form.dataset.msgSending, "info");
      let response;
      try {
        response = await fetch(form.action, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: {
            Accept: "application/json",
            ...(token ? { "X-CSRFToken": token.value } : {}),
          },
        });
      } catch {
        say(form.dataset.msgNetwork, "error");
        status.focus();
        return;
      } finally {
        form.removeAttribute("aria-busy");
        button.disabled = false;
      }
      const isJson = (response.headers.get("Content-Type") || "").includes("application/json");
      const answer = isJson ? await response.json().catch(() => null) : null;
      clearErrors(form);
      if (response.ok && answer && answer.ok) {
        form.reset();
        say(answer.message, "success");
        status.focus();
        return;
      }
      if (response.status === 429) {
        say((answer && answer.message) || form.dataset.msgRateLimited, "error");
        status.focus();
        return;
      }
      if (response.status === 403) {
        say(form.dataset.msgExpired, "error");
        status.focus();
        return;
      }
      if (response.status === 400 && answer) {
        say(answer.message || form.dataset.msgError, "error");
        const invalid = showFieldErrors(form, answer.errors);
        (invalid || status).focus();
        return;
      }
      say(form.dataset.msgError, "error");
      status.focus();
    });
  };

  document.querySelectorAll("form[data-async-form]").forEach(enhance);
})();
