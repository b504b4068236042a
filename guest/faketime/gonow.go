// SPDX-License-Identifier: GPL-2.0

// gonow: what a Go program sees of the wall clock, for make
// compare-faketime. Built with CGO_ENABLED=0: static, and Go's runtime
// calls the vDSO itself, so no LD_PRELOAD library can come between it and
// the kernel (as for most Go programs, and anything else that does not go
// through libc).
//
//	gonow read     realtime=S.N                 time.Now()
//	gonow bench N  bench calls=N ns=NS           N time.Now() calls; NS:
//	               guest nanoseconds they took (CLOCK_MONOTONIC_RAW by
//	               system call; under QEMU -icount shift=0, instructions)
//
// time.Now() reads CLOCK_REALTIME and CLOCK_MONOTONIC (Go keeps both in a
// Time): two vDSO calls.
package main

import (
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
	"unsafe"
)

const clockMonotonicRaw = 4

var sink int64

func stopwatch() int64 {
	var ts syscall.Timespec
	syscall.RawSyscall(syscall.SYS_CLOCK_GETTIME, clockMonotonicRaw,
		uintptr(unsafe.Pointer(&ts)), 0)
	return ts.Nano()
}

//go:noinline
func loop(n int) {
	for i := 0; i < n; i++ {
		sink += time.Now().UnixNano()
	}
}

func main() {
	switch {
	case len(os.Args) == 2 && os.Args[1] == "read":
		ns := time.Now().UnixNano()
		fmt.Printf("realtime=%d.%09d\n", ns/1e9, ns%1e9)
	case len(os.Args) == 3 && os.Args[1] == "bench":
		n, err := strconv.Atoi(os.Args[2])
		if err != nil {
			fmt.Fprintln(os.Stderr, "gonow: bad count:", err)
			os.Exit(2)
		}
		loop(n / 100)
		t0 := stopwatch()
		loop(n)
		t1 := stopwatch()
		fmt.Printf("bench calls=%d ns=%d\n", n, t1-t0)
	default:
		fmt.Fprintln(os.Stderr, "usage: gonow read | bench N")
		os.Exit(2)
	}
}
