//go:build race

package resident

// raceDetector: the race detector's shadow memory is resident and outside
// Go's accounting, so memory outside Go is not measured under it.
const raceDetector = true
