// After a failed post, take the reader to the first field to fix.

export function focusFirstError() {
  const invalid = document.querySelector("form [aria-invalid=true]:not([type=hidden])");
  if (invalid) invalid.focus();
}
