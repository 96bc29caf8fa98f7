// Package startuptest tests rx.Open's start-up schema check in a test
// binary of its own, so that only its model is registered with rx (the
// check compares the registered models with the database).
package startuptest
