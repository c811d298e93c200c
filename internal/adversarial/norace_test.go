//go:build !race

package adversarial

// raceDetector is true when the tests run under the race detector, whose sync.Pool drops
// items at random: allocation counts then vary from run to run.
const raceDetector = false
