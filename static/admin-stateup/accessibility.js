// Names for the admin's form controls that Django's and its widgets' markup leaves
// unnamed for assistive technology. Each control gets the visible text already
// beside it (its field label, its table column, the "Date:"/"Time:" text), so
// nothing here needs translating. Widgets build and rebuild their markup with
// script, so every pass runs again when the page changes.
(() => {
  "use strict";

  let counter = 0;
  const idOf = (element, prefix) => {
    if (!element.id) {
      counter += 1;
      element.id = `${prefix}-${counter}`;
    }
    return element.id;
  };

  const setIfChanged = (element, name, value) => {
    if (value && element.getAttribute(name) !== value) element.setAttribute(name, value);
  };

  const isNamed = (control) =>
    (control.labels && control.labels.length > 0) ||
    control.hasAttribute("aria-label") ||
    control.hasAttribute("aria-labelledby");

  // The ids of what names the field `control` belongs to: its <label for>, or in
  // a tabular inline, its column's header.
  const nameIds = (control) => {
    const label = control.id
      ? document.querySelector(`label[for="${CSS.escape(control.id)}"]`)
      : null;
    if (label) return [idOf(label, "label")];
    const cell = control.closest("td");
    const table = cell && cell.closest(".tabular table");
    if (!table) return [];
    const field = Array.from(cell.classList).find((name) => name.startsWith("field-"));
    const header = field
      ? table.querySelector(`thead th.column-${CSS.escape(field.slice("field-".length))}`)
      : cell.classList.contains("delete") && table.querySelector("thead th:last-child");
    return header && header.textContent.trim() ? [idOf(header, "column")] : [];
  };

  // Tabular inlines: each input in a row is named by its column header.
  const tabularInputs = () => {
    document.querySelectorAll(".tabular tbody td input, .tabular tbody td select, .tabular tbody td textarea")
      .forEach((control) => {
        if (control.type === "hidden" || control.closest(".select2-container") || isNamed(control)) return;
        setIfChanged(control, "aria-labelledby", nameIds(control).join(" "));
      });
  };

  // Split date and time: "Date:" and "Time:" are bare text before each box.
  const splitDateTimes = () => {
    document.querySelectorAll("p.datetime input:not([type=hidden])").forEach((input) => {
      if (isNamed(input)) return;
      let text = input.previousSibling;
      while (text && text.nodeType === Node.TEXT_NODE && !text.textContent.trim()) {
        text = text.previousSibling;
      }
      const ids = [];
      const row = input.closest(".form-row");
      const rowLabel = row && row.querySelector("label:not([for])");
      if (rowLabel) ids.push(idOf(rowLabel, "label"));
      if (text && text.nodeType === Node.TEXT_NODE) {
        const label = document.createElement("label");
        label.htmlFor = input.id;
        label.className = "datetime-part";
        text.replaceWith(label);
        label.append(text);
        ids.push(idOf(label, "label"));
      }
      setIfChanged(input, "aria-labelledby", ids.join(" "));
    });
  };

  // Select2 (autocomplete fields): the combobox, its value and its search box.
  const autocompletes = () => {
    document.querySelectorAll("select.select2-hidden-accessible").forEach((select) => {
      const container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2-container")) return;
      const ids = nameIds(select);
      if (!ids.length) return;
      const rendered = container.querySelector(".select2-selection__rendered[id]");
      const selection = container.querySelector(".select2-selection");
      if (selection) {
        setIfChanged(selection, "aria-labelledby", [...ids, ...(rendered ? [rendered.id] : [])].join(" "));
      }
      if (rendered && rendered.getAttribute("role") === "textbox") {
        setIfChanged(rendered, "aria-labelledby", [...ids, rendered.id].join(" "));
      }
      container.querySelectorAll(".select2-search__field").forEach((search) => {
        setIfChanged(search, "aria-labelledby", ids.join(" "));
      });
    });
  };

  // The rich-text editor: named and described like the textarea it replaces.
  const richText = () => {
    document.querySelectorAll(".prose-editor").forEach((wrapper) => {
      const textarea = wrapper.querySelector("textarea");
      const editable = wrapper.querySelector("[contenteditable]");
      if (!textarea || !editable) return;
      setIfChanged(editable, "aria-labelledby", nameIds(textarea).join(" "));
      setIfChanged(editable, "aria-describedby", textarea.getAttribute("aria-describedby"));
      setIfChanged(editable, "aria-multiline", "true");
    });
  };

  const pass = () => {
    tabularInputs();
    splitDateTimes();
    autocompletes();
    richText();
  };

  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      pass();
    });
  };

  const start = () => {
    pass();
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
