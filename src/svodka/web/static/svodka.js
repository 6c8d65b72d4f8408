// The only script: bring a cited passage into view and flash it. Pages work without it.
document.addEventListener("DOMContentLoaded", function () {
  var hl = document.getElementById("hl");
  if (!hl) return;
  hl.scrollIntoView({block: "center"});
  hl.classList.add("flash");
});
