//go:build unix

package memserver_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used, its garbage collector's
// included. Per operation it is a steadier measure than wall time on a
// machine whose other processes take the CPUs in turns.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
