//go:build !race

package heappeak

const raceDetector = false
