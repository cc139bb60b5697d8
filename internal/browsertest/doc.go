// Package browsertest holds tests that drive a real headless Chromium
// through the built catalogue: what a visitor clicks, and what the
// page's JavaScript does. It has no code of its own; the tests skip when
// no browser is installed, except in CI, where they fail.
package browsertest
