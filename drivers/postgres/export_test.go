package postgres

// SetNativeSeen sets the hook that sees every statement of the native
// path, for the tests of package postgres_test.
func SetNativeSeen(f func(query string)) { nativeSeen = f }
