document.addEventListener("DOMContentLoaded", function () {
  // Move the focus to the error summary of a form sent back with errors: it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

  // A field asked only for one answer (the postal address, for delivery by post) is hidden
  // until that answer is chosen. Without JavaScript it stays shown; the server decides anyway.
  document.querySelectorAll("[data-revealed-when]").forEach(function (block) {
    var rule = block.getAttribute("data-revealed-when").split("=");
    var inputs = document.querySelectorAll("input[name='" + rule[0] + "']");
    function update() {
      var chosen = document.querySelector("input[name='" + rule[0] + "']:checked");
      block.hidden = !chosen || chosen.value !== rule[1];
    }
    inputs.forEach(function (input) { input.addEventListener("change", update); });
    update();
  });

  // While a receipt is being prepared, fetch the page again every few seconds and swap in
  // that section only, so that nothing typed elsewhere on the page is lost.
  var pending = document.querySelector("[data-refresh-while-pending]");
  if (!pending) { return; }
  var tries = 0;
  var timer = setInterval(function () {
    if (++tries > 40) { clearInterval(timer); return; }
    fetch(location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(pending.id);
        if (fresh && !fresh.hasAttribute("data-refresh-while-pending")) {
          clearInterval(timer);
          pending.innerHTML = fresh.innerHTML;
          pending.removeAttribute("data-refresh-while-pending");
        }
      });
  }, 3000);
});
