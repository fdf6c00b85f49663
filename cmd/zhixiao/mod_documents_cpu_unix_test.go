//go:build unix

package main

import (
	"syscall"
	"time"
)

// documentsCPUTime is the CPU time (user and system) the process has used
// so far: the benchmarks report it beside the wall time, which a busy
// machine inflates.
func documentsCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
