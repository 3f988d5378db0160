// Package cputime reads how much CPU time the process has used, so that
// benchmarks on a busy machine can report the work done next to the wall
// time, which grows while other processes hold the cores.
package cputime
