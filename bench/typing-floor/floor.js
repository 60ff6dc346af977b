// Every keystroke changes the total, as in the app's live summary.
const field = document.querySelector('input');
const total = document.querySelector('[data-testid="live-summary"] strong');
field.addEventListener('input', () => {
  total.textContent = (Number(field.value.replace(/[^0-9]/g, '') || 0) * 2).toLocaleString('en');
});
