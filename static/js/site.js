// StateUp site script: progressive enhancements only; every page works without it.
(() => {
  "use strict";
})();
