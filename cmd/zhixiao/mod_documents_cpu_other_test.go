//go:build !unix

package main

import "time"

// documentsCPUTime is not measured on this system.
func documentsCPUTime() time.Duration { return 0 }
