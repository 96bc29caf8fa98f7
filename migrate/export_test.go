package migrate

import "time"

// SetClock fixes the time a Migrator stamps versions with.
func SetClock(m *Migrator, now func() time.Time) { m.now = now }

// RunTo is Run writing to out.
var RunTo = run

// ForgetGo unregisters the package-level Go migrations (migrate.Go).
func ForgetGo() {
	registered.Lock()
	registered.list = nil
	registered.Unlock()
}
