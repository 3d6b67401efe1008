document.addEventListener("DOMContentLoaded", function () {
  // Move the focus to the error summary of a form sent back with errors: it is read first.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }

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
