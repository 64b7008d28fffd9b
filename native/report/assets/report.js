document.addEventListener('click', function (event) {
  var button = event.target.closest ? event.target.closest('button.copy') : null;
  if (!button) return;
  var code = button.parentNode.querySelector('code');
  var text = code.textContent;
  function done(ok) {
    button.textContent = ok ? 'Copied' : 'Press Ctrl+C';
    setTimeout(function () { button.textContent = 'Copy'; }, 1600);
  }
  function select() {
    var range = document.createRange();
    range.selectNodeContents(code);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    done(ok);
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(function () { done(true); }, select);
  } else {
    select();
  }
});
