// Package uibench holds the window's responsiveness benchmarks: how long
// the main goroutine is kept busy (and so how late a heartbeat runs) while
// a large project loads and is analysed, and while the analyst types in
// the document filter and the entity search field. It has no code of its
// own; see bench_test.go and docs/benchmarks/ui.md.
package uibench
